using System.Text;
using Orleans.Runtime;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Maps a stream to the RocketMQ queue that carries it: the namespace is the topic, and the key hashes
/// (FNV-1a over its UTF-8 bytes, <see cref="QueueIndexForKey"/>) over broker groups × queues, so every event of a
/// key lands in one queue and stays ordered. One Orleans <see cref="QueueId"/> per (topic, broker group, queue id).
/// A wire producer that wants its keys ordered with grain producers picks the queue the same way.
/// </summary>
public sealed class RocketMQStreamQueueMapper : IStreamQueueMapper
{
    private readonly string[] _brokers;
    private readonly int _queuesPerTopic;
    private readonly Dictionary<string, QueueId[]> _queuesByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<QueueId, StreamQueue> _streamQueues = [];
    private readonly Dictionary<string, QueueId[]>.AlternateLookup<ReadOnlySpan<char>> _queuesByTopicLookup;

    public RocketMQStreamQueueMapper(string providerName, IReadOnlyList<string> topics, IReadOnlyList<string> brokerGroups, int queuesPerTopic)
    {
        ArgumentOutOfRangeException.ThrowIfZero(brokerGroups.Count);
        _brokers = [.. brokerGroups];
        _queuesPerTopic = queuesPerTopic;
        _queuesByTopicLookup = _queuesByTopic.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var topic in topics)
        {
            var ids = new QueueId[_brokers.Length * queuesPerTopic];
            for (int b = 0; b < _brokers.Length; b++)
            {
                for (int q = 0; q < queuesPerTopic; q++)
                {
                    var prefix = $"{providerName}/{topic}@{_brokers[b]}";
                    var id = QueueId.GetQueueId(prefix, (uint)q, Fnv1a(prefix + "/" + q));
                    ids[b * queuesPerTopic + q] = id;
                    _streamQueues[id] = new StreamQueue(_brokers[b], topic, q);
                }
            }

            _queuesByTopic[topic] = ids;
        }
    }

    public IReadOnlyList<string> BrokerGroups => _brokers;

    public IEnumerable<QueueId> GetAllQueues() => _streamQueues.Keys;

    public QueueId GetQueueForStream(StreamId streamId)
    {
        // Once per produced event: the topic and the key are read as the stream id's UTF-8 bytes, no strings built.
        var ns = streamId.Namespace.Span;
        if (ns.IsEmpty)
            throw new ArgumentException($"Stream {streamId} has no namespace; its namespace names the topic.");
        QueueId[]? ids;
        if (Encoding.UTF8.GetMaxCharCount(ns.Length) <= MaxStackTopicChars)
        {
            Span<char> topic = stackalloc char[MaxStackTopicChars];
            _queuesByTopicLookup.TryGetValue(topic[..Encoding.UTF8.GetChars(ns, topic)], out ids);
        }
        else
        {
            _queuesByTopic.TryGetValue(Encoding.UTF8.GetString(ns), out ids);
        }
        if (ids is null)
            throw new ArgumentException($"Topic '{streamId.GetNamespace()}' (the namespace of stream {streamId}) is not one of this provider's Topics.");
        return ids[(int)(Fnv1a(streamId.Key.Span) % (uint)ids.Length)];
    }

    private const int MaxStackTopicChars = 256;

    /// <summary>The RocketMQ queue behind an Orleans queue of this mapper.</summary>
    public StreamQueue GetStreamQueue(QueueId queueId) =>
        _streamQueues.TryGetValue(queueId, out var queue) ? queue : throw new ArgumentException($"Queue {queueId} is not one of this provider's queues.");

    /// <summary>The RocketMQ queue a stream's events are written to.</summary>
    public StreamQueue GetStreamQueue(StreamId streamId) => GetStreamQueue(GetQueueForStream(streamId));

    /// <summary>
    /// Index of a key's queue among <paramref name="queueCount"/> = broker groups × queues per topic; broker group
    /// index = result / queues per topic, queue id = result % queues per topic.
    /// </summary>
    public static int QueueIndexForKey(string key, int queueCount) => (int)(Fnv1a(key) % (uint)queueCount);

    private static uint Fnv1a(string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        return Fnv1a(Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text));
    }

    private static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        uint hash = 2166136261;
        foreach (byte b in bytes)
        {
            hash ^= b;
            hash *= 16777619;
        }

        return hash;
    }
}
