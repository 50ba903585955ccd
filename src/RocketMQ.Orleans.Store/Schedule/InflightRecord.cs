using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// What a deliverer is about to re-put, written before the put: the source message's commit-log offset and the
/// target queue with its max offset before the put. After a crash between the put's acknowledgement and the
/// progress write, the deliverer finds its own re-put in that queue instead of storing it twice.
/// </summary>
internal sealed class InflightRecord : IDisposable
{
    private const int MaxTopicBytes = 512;
    private readonly SafeFileHandle file;
    private readonly byte[] buffer = new byte[22 + MaxTopicBytes];

    public InflightRecord(string path)
    {
        file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        int read = RandomAccess.Read(file, buffer, 0);
        if (read < 22) return;
        long source = BinaryPrimitives.ReadInt64LittleEndian(buffer);
        long before = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(8));
        int queueId = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(16));
        int topicLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(20));
        if (source <= 0 || topicLength == 0 || topicLength > MaxTopicBytes || 22 + topicLength > read) return;
        Saved = (source, Encoding.UTF8.GetString(buffer, 22, topicLength), queueId, before);
    }

    /// <summary>The intent found at open (the last re-put before the previous stop), if any.</summary>
    public (long Source, string Topic, int QueueId, long QueueOffsetBefore)? Saved { get; }

    public void Write(long source, string topic, int queueId, long queueOffsetBefore)
    {
        int topicLength = Encoding.UTF8.GetByteCount(topic);
        if (topicLength > MaxTopicBytes) return;
        BinaryPrimitives.WriteInt64LittleEndian(buffer, source);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8), queueOffsetBefore);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(16), queueId);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(20), (ushort)topicLength);
        Encoding.UTF8.GetBytes(topic, buffer.AsSpan(22));
        // One small write: a kill -9 cannot interrupt it half way, and the page cache keeps it.
        RandomAccess.Write(file, buffer.AsSpan(0, 22 + topicLength), 0);
    }

    public void Dispose() => file.Dispose();
}
