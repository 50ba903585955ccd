using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>LockBatchResponseBody</c>: the queues the broker locked for the client.</summary>
public sealed class LockBatchResponseBody : IRemotingBody<LockBatchResponseBody>
{
    public List<MessageQueue> LockOKMQSet { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("lockOKMQSet"u8);
        writer.Array(LockOKMQSet);
        writer.EndObject();
    }

    public static LockBatchResponseBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(LockBatchResponseBody));
        return new LockBatchResponseBody { LockOKMQSet = node.Property("lockOKMQSet").AsList(MessageQueue.ReadJson) };
    }
}
