using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Store.ConsumeQueues;
using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Store;

public sealed partial class MessageStore
{
    private ScheduleMessageService? schedule;

    /// <summary>Delay of each level (<see cref="MessageStoreOptions.MessageDelayLevel"/>).</summary>
    public DelayLevelTable DelayLevels => Schedule.Levels;

    /// <summary>Apache delayOffset.json (<c>{"offsetTable":{"1":12,…}}</c>): GET_ALL_DELAY_OFFSET's body.</summary>
    public string EncodeDelayOffsets() => Schedule.Offsets.Encode();

    /// <summary>The timer's delivery progress (<see cref="Schedule.Timer.TimerProgress.Encode"/>), which a replica group's followers copy.</summary>
    public string EncodeTimerProgress() => Schedule.Timer.Progress.Encode();

    internal ScheduleMessageService Schedule => schedule ?? throw new InvalidOperationException("The schedule service is not open.");

    private ScheduleMessageService OpenSchedule(ILoggerFactory loggerFactory) =>
        schedule = new ScheduleMessageService(this, options.DataPath, DelayLevelTable.Parse(options.MessageDelayLevel), timeProvider,
            loggerFactory.CreateLogger<ScheduleMessageService>(), options.TimerWheelSlots);

    /// <summary>The message to encode for <paramref name="message"/>: itself, its schedule / timer form, or null for a timer beyond the max delay.</summary>
    private MessageToStore? RouteScheduled(MessageToStore message, out long timerOutMs)
    {
        timerOutMs = 0;
        return schedule is { } s ? s.Router.Route(message, out timerOutMs) : message;
    }

    internal bool TryGetQueueEntry(string topic, int queueId, long offset, out ConsumeQueueEntry entry)
    {
        entry = default;
        return FindQueue(topic, queueId) is { } queue && offset < queue.MaxOffset && queue.TryGetEntry(offset, out entry);
    }
}
