using System.Buffers.Binary;

namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>One consume-queue slot: where the message sits in the commit log and its tag hash.</summary>
/// <remarks>
/// A blank entry (<see cref="IsBlank"/>) fills a hole when queue offsets jumped; it points at no
/// message and readers skip it. It carries the previous entry's commit-log offset so that the
/// commit-log offsets stay non-decreasing along the queue (binary searches depend on it).
/// </remarks>
public readonly record struct ConsumeQueueEntry(long CommitLogOffset, int Size, long TagsCode)
{
    /// <summary>Size marking a blank entry (Apache uses the same marker for its pre-filled blanks).</summary>
    public const int BlankSize = int.MaxValue;

    public bool IsBlank => Size == BlankSize;

    internal static ConsumeQueueEntry Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64BigEndian(source),
        BinaryPrimitives.ReadInt32BigEndian(source[8..]),
        BinaryPrimitives.ReadInt64BigEndian(source[12..]));

    internal void Write(Span<byte> destination)
    {
        // Tags first and size last: the size is what recovery and readers test for "written".
        BinaryPrimitives.WriteInt64BigEndian(destination[12..], TagsCode);
        BinaryPrimitives.WriteInt64BigEndian(destination, CommitLogOffset);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], Size);
    }
}
