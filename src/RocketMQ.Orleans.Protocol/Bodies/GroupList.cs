using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>GroupList</c>, the <c>QUERY_TOPIC_CONSUME_BY_WHO</c> response body.</summary>
public sealed class GroupList : IRemotingBody<GroupList>
{
    public List<string> Groups { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("groupList"u8);
        writer.StringArray(Groups);
        writer.EndObject();
    }

    public static GroupList ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(GroupList));
        return new GroupList { Groups = node.Property("groupList").AsStringList() };
    }
}
