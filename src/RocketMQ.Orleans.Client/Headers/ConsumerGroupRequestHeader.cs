using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Headers;

/// <summary>
/// Request headers of admin calls that the protocol library has no type for yet:
/// GET_CONSUME_STATS (<c>GetConsumeStatsRequestHeader</c>: consumerGroup, topic) and
/// GET_CONSUMER_CONNECTION_LIST (<c>GetConsumerConnectionListRequestHeader</c>: consumerGroup).
/// </summary>
internal sealed class ConsumerGroupRequestHeader : ICommandHeader
{
    public const string ConsumerGroupField = "consumerGroup";
    public const string TopicField = "topic";

    public required string ConsumerGroup { get; init; }

    /// <summary>Restricts GET_CONSUME_STATS to one topic; null asks for all the group's topics.</summary>
    public string? Topic { get; init; }

    public void WriteTo(IDictionary<string, string> extFields)
    {
        extFields[ConsumerGroupField] = ConsumerGroup;
        if (Topic is not null)
        {
            extFields[TopicField] = Topic;
        }
    }
}
