using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Streaming.Monitoring;

internal static partial class StreamLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Event at {Topic}:{QueueId}@{QueueOffset} could not be deserialized; delivered as a raw RocketMQMessage")]
    public static partial void EventNotDeserialized(ILogger logger, string topic, int queueId, long queueOffset, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream queue {Queue} starts reading at offset {Offset} (committed {Committed}, min {MinOffset}, max {MaxOffset}) for group {Group}")]
    public static partial void ReceiverStarted(ILogger logger, string queue, long offset, long committed, long minOffset, long maxOffset, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue}: offset {Offset} is no longer retained; skipping to {NextOffset}")]
    public static partial void OffsetMoved(ILogger logger, string queue, long offset, long nextOffset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue}: could not create the topic on this broker; retrying on the next read")]
    public static partial void TopicNotCreated(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue}: message at offset {Offset} is not a stored message; skipped")]
    public static partial void UndecodableMessage(ILogger logger, string queue, long offset);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream queue {Queue}: cursor for {StreamId} reads the log from offset {Offset} (cache starts at {CacheStart})")]
    public static partial void CursorFromLog(ILogger logger, string queue, string streamId, long offset, long cacheStart);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream queue {Queue}: {Count} wire message(s) keyed to other queues copied to their keys' queues")]
    public static partial void Rehomed(ILogger logger, string queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue}: copying wire messages to their keys' queues failed; the read is retried")]
    public static partial void RehomeFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream queue {Queue}: backlog {Backlog} has reached MaxBacklogPerQueue {Limit}; the producer waits for the subscribers")]
    public static partial void ProducerStalled(ILogger logger, string queue, long backlog, long limit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream queue {Queue}: producer resumes after {WaitedMs:0} ms (backlog {Backlog})")]
    public static partial void ProducerResumed(ILogger logger, string queue, long backlog, double waitedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue}: backlog {Backlog} still at or above {Limit} after {WaitedMs:0} ms (MaxProducerWait); storing the event anyway")]
    public static partial void ProducerStallTimedOut(ILogger logger, string queue, long backlog, long limit, double waitedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream queue {Queue}: could not read its backlog over remoting; producing without waiting")]
    public static partial void BacklogUnknown(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message at {Topic}:{QueueId}@{QueueOffset} is delivered as stored: {Reason}")]
    public static partial void BodyNotInflated(ILogger logger, string topic, int queueId, long queueOffset, string reason);
}
