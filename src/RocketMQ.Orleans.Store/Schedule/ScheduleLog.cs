using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>Source-generated log messages of delayed and timed delivery.</summary>
internal static partial class ScheduleLog
{
    [LoggerMessage(101, LogLevel.Error, "Delivering delay level {Level} failed; retrying in a second")]
    public static partial void DeliveryFailed(ILogger logger, int level, Exception exception);

    [LoggerMessage(102, LogLevel.Warning, "Re-put of a due message to {Topic}:{QueueId} answered {Status}; retrying")]
    public static partial void RePutFailed(ILogger logger, string topic, int queueId, PutMessageStatus status);

    [LoggerMessage(103, LogLevel.Warning, "Skipping scheduled entry at commit-log offset {Offset}: message unreadable or without REAL_TOPIC/REAL_QID")]
    public static partial void Unreadable(ILogger logger, long offset);

    [LoggerMessage(104, LogLevel.Error, "Timer delivery failed; retrying in a second")]
    public static partial void TimerFailed(ILogger logger, Exception exception);

    [LoggerMessage(105, LogLevel.Information, "Schedule services started: {Levels} delay levels, a timer wheel of {Slots} slots of {SlotMs} ms, timer queue filed up to {EnqueueOffset}")]
    public static partial void Started(ILogger logger, int levels, int slots, int slotMs, long enqueueOffset);

    [LoggerMessage(106, LogLevel.Information, "Recovery: the re-put of commit-log offset {Offset} was already stored before the crash; not delivering it again")]
    public static partial void AlreadyDelivered(ILogger logger, long offset);

    [LoggerMessage(107, LogLevel.Error, "Dropping the due {Source} message at commit-log offset {Offset}: its re-put to {Topic}:{QueueId} can never succeed ({Status}: {Reason}); moving past it")]
    public static partial void PoisonDropped(ILogger logger, string source, long offset, string topic, int queueId, PutMessageStatus status, string? reason);

    [LoggerMessage(108, LogLevel.Information, "The timed message at commit-log offset {Offset} was recalled; not delivering it")]
    public static partial void Recalled(ILogger logger, long offset);
}
