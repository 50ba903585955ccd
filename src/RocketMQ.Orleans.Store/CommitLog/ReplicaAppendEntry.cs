using FASTER.core;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// The entry a follower hands to <c>FasterLog.TryEnqueue</c>: a record copied from its leader, already stamped with
/// its physical offset, queue offset and store time there, so it is copied verbatim. FasterLog allocates addresses
/// deterministically (same page size, same record lengths, same order), so the record lands at the address it holds
/// on the leader; the caller checks that it did.
/// </summary>
internal sealed class ReplicaAppendEntry : ILogEnqueueEntry
{
    private byte[] source = [];
    private int offset;
    private int length;

    public int SerializedLength => length;

    public void Prepare(byte[] buffer, int payloadOffset, int payloadLength)
    {
        source = buffer;
        offset = payloadOffset;
        length = payloadLength;
    }

    public void SerializeTo(Span<byte> dest) => source.AsSpan(offset, length).CopyTo(dest);
}
