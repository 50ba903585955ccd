using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RocketMQ 5 NOTIFICATION response header. Ext-field names are the Java field names.</summary>
public sealed class NotificationResponseHeader : ICommandHeader<NotificationResponseHeader>
{
    public const string HasMsgField = "hasMsg";
    public const string PollingFullField = "pollingFull";

    public bool HasMsg { get; set; }

    public bool PollingFull { get; set; }

    public static NotificationResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        HasMsg = HeaderFields.Boolean(extFields, HasMsgField),
        PollingFull = HeaderFields.Boolean(extFields, PollingFullField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, HasMsgField, HasMsg);
        HeaderFields.Put(extFields, PollingFullField, PollingFull);
    }
}
