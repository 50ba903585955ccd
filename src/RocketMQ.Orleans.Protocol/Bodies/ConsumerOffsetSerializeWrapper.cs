using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>ConsumerOffsetSerializeWrapper</c>, the <c>GET_ALL_CONSUMER_OFFSET</c> body (and consumerOffset.json):
/// <c>"topic@group"</c> → queue id → offset. Queue ids are written quoted (<c>{"0":5}</c>); fastjson reads that
/// into its <c>Map&lt;Integer,Long&gt;</c>, and fastjson's own <c>{0:5}</c> is read as well.
/// </summary>
public sealed class ConsumerOffsetSerializeWrapper : IRemotingBody<ConsumerOffsetSerializeWrapper>
{
    public const char KeySeparator = '@';

    public Dictionary<string, Dictionary<int, long>> OffsetTable { get; set; } = [];

    public static string Key(string topic, string group) => topic + KeySeparator + group;

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("offsetTable"u8);
        writer.StringMap(OffsetTable, static (w, queues) => w.NumberMap(queues.OrderBy(entry => entry.Key), static (w2, offset) => w2.Number(offset)));
        writer.EndObject();
    }

    public static ConsumerOffsetSerializeWrapper ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ConsumerOffsetSerializeWrapper));
        return new ConsumerOffsetSerializeWrapper
        {
            OffsetTable = node.Property("offsetTable").AsStringMap(static queues => queues.AsInt32Map(static offset => offset.AsInt64())),
        };
    }
}
