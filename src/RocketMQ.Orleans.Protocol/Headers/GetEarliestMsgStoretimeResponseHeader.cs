using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>GET_EARLIEST_MSG_STORETIME response header. Ext-field names are the Java field names.</summary>
public sealed class GetEarliestMsgStoretimeResponseHeader : ICommandHeader<GetEarliestMsgStoretimeResponseHeader>
{
    public const string TimestampField = "timestamp";

    public long Timestamp { get; set; }

    public static GetEarliestMsgStoretimeResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Timestamp = HeaderFields.RequiredInt64(extFields, TimestampField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TimestampField, Timestamp);
    }
}
