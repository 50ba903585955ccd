using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>GetConsumerListByGroupResponseBody</c>: the group's client ids (ali-ons sorts them itself).</summary>
public sealed class GetConsumerListByGroupResponseBody : IRemotingBody<GetConsumerListByGroupResponseBody>
{
    public List<string> ConsumerIdList { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("consumerIdList"u8);
        writer.StringArray(ConsumerIdList);
        writer.EndObject();
    }

    public static GetConsumerListByGroupResponseBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(GetConsumerListByGroupResponseBody));
        return new GetConsumerListByGroupResponseBody { ConsumerIdList = node.Property("consumerIdList").AsStringList() };
    }
}
