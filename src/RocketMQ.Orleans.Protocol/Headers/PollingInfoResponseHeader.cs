using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RocketMQ 5 POLLING_INFO response header: how many pops are held for the queue. Ext-field names are the Java field names.</summary>
public sealed class PollingInfoResponseHeader : ICommandHeader<PollingInfoResponseHeader>
{
    public const string PollingNumField = "pollingNum";

    public int PollingNum { get; set; }

    public static PollingInfoResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        PollingNum = HeaderFields.RequiredInt32(extFields, PollingNumField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, PollingNumField, PollingNum);
    }
}
