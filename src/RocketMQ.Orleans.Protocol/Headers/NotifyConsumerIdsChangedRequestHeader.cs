using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>NOTIFY_CONSUMER_IDS_CHANGED request header (broker to consumer). Ext-field names are the Java field names.</summary>
public sealed class NotifyConsumerIdsChangedRequestHeader : ICommandHeader<NotifyConsumerIdsChangedRequestHeader>
{
    public const string ConsumerGroupField = "consumerGroup";

    public string ConsumerGroup { get; set; } = string.Empty;

    public static NotifyConsumerIdsChangedRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ConsumerGroup = HeaderFields.RequiredString(extFields, ConsumerGroupField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ConsumerGroupField, ConsumerGroup);
    }
}
