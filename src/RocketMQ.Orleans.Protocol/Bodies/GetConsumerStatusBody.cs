using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>GetConsumerStatusBody</c>: a consumer's offsets (<see cref="MessageQueueTable"/>, its answer to
/// GET_CONSUMER_STATUS_FROM_CLIENT) and the broker's collection of them by client id (<see cref="ConsumerTable"/>, the
/// INVOKE_BROKER_TO_GET_CONSUMER_STATUS answer, mqadmin getConsumerStatus).
/// </summary>
public sealed class GetConsumerStatusBody : IRemotingBody<GetConsumerStatusBody>
{
    public Dictionary<MessageQueue, long> MessageQueueTable { get; set; } = [];

    public Dictionary<string, Dictionary<MessageQueue, long>> ConsumerTable { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("consumerTable"u8);
        writer.StringMap(ConsumerTable, static (w, queues) => MessageQueueMaps.Write(w, queues, static (w2, offset) => w2.Number(offset)));
        writer.PropertyName("messageQueueTable"u8);
        MessageQueueMaps.Write(writer, MessageQueueTable, static (w, offset) => w.Number(offset));
        writer.EndObject();
    }

    public static GetConsumerStatusBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(GetConsumerStatusBody));
        return new GetConsumerStatusBody
        {
            ConsumerTable = node.Property("consumerTable").AsStringMap(static queues => MessageQueueMaps.Read(queues, static offset => offset.AsInt64())),
            MessageQueueTable = MessageQueueMaps.Read(node.Property("messageQueueTable"), static offset => offset.AsInt64()),
        };
    }
}
