using System.Text;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store;

public sealed partial class MessageStore
{
    /// <summary>
    /// Messages of <paramref name="topic"/> whose KEYS contain <paramref name="key"/> or whose UNIQ_KEY is it,
    /// stored between <paramref name="begin"/> and <paramref name="end"/> (ms since epoch), newest first.
    /// Index hash collisions are filtered out by checking the stored message itself.
    /// </summary>
    /// At most <see cref="MessageStoreOptions.MaxMsgsNumBatch"/> messages, whatever <paramref name="maxNum"/> asks for.
    public async ValueTask<QueryMessageResult> QueryMessageAsync(string topic, string key, int maxNum, long begin, long end, CancellationToken ct = default)
    {
        maxNum = Math.Min(maxNum, options.MaxMsgsNumBatch);
        var offsets = index.Query(topic, key, maxNum, begin, end);
        var found = new List<ReadOnlyMemory<byte>>(offsets.Count);
        var seen = new HashSet<long>();
        var keyUtf8 = Encoding.UTF8.GetBytes(key);
        var topicUtf8 = Encoding.UTF8.GetBytes(topic);
        foreach (long offset in offsets)
        {
            if (found.Count >= maxNum) break;
            if (!seen.Add(offset)) continue;
            using var message = await ReadMessageAsync(offset, ct).ConfigureAwait(false);
            if (message is not null && Matches(message.Span, topicUtf8, keyUtf8))
                found.Add(message.Span.ToArray());
        }
        return new QueryMessageResult(found, index.EndTimestamp, index.EndPhyOffset);
    }

    private static bool Matches(ReadOnlySpan<byte> stored, ReadOnlySpan<byte> topic, ReadOnlySpan<byte> key) =>
        StoredMessageView.TryParse(stored, out var view) && view.TopicUtf8.SequenceEqual(topic) && HasKey(view.PropertiesUtf8, key);

    private static bool HasKey(ReadOnlySpan<byte> properties, ReadOnlySpan<byte> key)
    {
        if (MessageProperties.TryGetValue(properties, MessageConst.Utf8.UniqKey, out var uniq) && uniq.SequenceEqual(key))
            return true;
        if (!MessageProperties.TryGetValue(properties, MessageConst.Utf8.Keys, out var keys))
            return false;
        foreach (var range in keys.Split((byte)' '))
        {
            if (keys[range].SequenceEqual(key))
                return true;
        }
        return false;
    }
}
