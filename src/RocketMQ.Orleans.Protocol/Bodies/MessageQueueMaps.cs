using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Maps keyed by <see cref="MessageQueue"/> (ConsumeStats, TopicStatsTable, ResetOffsetBody). fastjson writes
/// the key as the queue object itself and reads only that form back into a <c>Map&lt;MessageQueue,…&gt;</c>,
/// so we emit it although it is not strict JSON. Entries are written in queue order, which keeps output
/// stable; Java's HashMap order carries no meaning.
/// </summary>
internal static class MessageQueueMaps
{
    public static void Write<TValue>(FastJsonWriter writer, IReadOnlyDictionary<MessageQueue, TValue> map, Action<FastJsonWriter, TValue> writeValue)
    {
        writer.StartObject();
        var queues = map.Keys.ToArray();
        Array.Sort(queues);
        foreach (var queue in queues)
        {
            writer.StartComplexKey();
            queue.WriteJson(writer);
            writer.EndComplexKey();
            writeValue(writer, map[queue]);
        }

        writer.EndObject();
    }

    public static Dictionary<MessageQueue, TValue> Read<TValue>(FastJsonNode? node, Func<FastJsonNode, TValue> read) =>
        node.AsMap(MessageQueue.ReadJson, read);
}
