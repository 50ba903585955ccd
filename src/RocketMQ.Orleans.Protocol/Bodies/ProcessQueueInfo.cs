using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ProcessQueueInfo</c>: one assigned queue's state in a <see cref="ConsumerRunningInfo"/>.</summary>
public sealed class ProcessQueueInfo : IRemotingBody<ProcessQueueInfo>
{
    public long CommitOffset { get; set; }

    public long CachedMsgMinOffset { get; set; }

    public long CachedMsgMaxOffset { get; set; }

    public int CachedMsgCount { get; set; }

    public int CachedMsgSizeInMiB { get; set; }

    public bool Locked { get; set; }

    public bool Droped { get; set; }

    public long LastPullTimestamp { get; set; }

    public long LastConsumeTimestamp { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("cachedMsgCount"u8, CachedMsgCount);
        writer.Property("cachedMsgMaxOffset"u8, CachedMsgMaxOffset);
        writer.Property("cachedMsgMinOffset"u8, CachedMsgMinOffset);
        writer.Property("cachedMsgSizeInMiB"u8, CachedMsgSizeInMiB);
        writer.Property("commitOffset"u8, CommitOffset);
        writer.Property("droped"u8, Droped);
        writer.Property("lastConsumeTimestamp"u8, LastConsumeTimestamp);
        writer.Property("lastLockTimestamp"u8, 0);
        writer.Property("lastPullTimestamp"u8, LastPullTimestamp);
        writer.Property("locked"u8, Locked);
        writer.Property("transactionMsgCount"u8, 0);
        writer.Property("transactionMsgMaxOffset"u8, 0);
        writer.Property("transactionMsgMinOffset"u8, 0);
        writer.Property("tryUnlockTimes"u8, 0);
        writer.EndObject();
    }

    public static ProcessQueueInfo ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ProcessQueueInfo));
        return new ProcessQueueInfo
        {
            CachedMsgCount = node.Property("cachedMsgCount").AsInt32(),
            CachedMsgMaxOffset = node.Property("cachedMsgMaxOffset").AsInt64(),
            CachedMsgMinOffset = node.Property("cachedMsgMinOffset").AsInt64(),
            CachedMsgSizeInMiB = node.Property("cachedMsgSizeInMiB").AsInt32(),
            CommitOffset = node.Property("commitOffset").AsInt64(),
            Droped = node.Property("droped").AsBoolean(),
            LastConsumeTimestamp = node.Property("lastConsumeTimestamp").AsInt64(),
            LastPullTimestamp = node.Property("lastPullTimestamp").AsInt64(),
            Locked = node.Property("locked").AsBoolean(),
        };
    }
}
