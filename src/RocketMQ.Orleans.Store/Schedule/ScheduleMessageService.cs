using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Store.Dispatch;
using RocketMQ.Orleans.Store.Schedule.Timer;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// Delayed and timed delivery of one store (Apache <c>ScheduleMessageService</c> plus RocketMQ 5's timer): the
/// put-path router, one deliverer per delay level, the timer wheel, and the delay offsets. Started once the store
/// has recovered, stopped before it closes.
/// </summary>
internal sealed class ScheduleMessageService : IAsyncDisposable
{
    private static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(10);
    private readonly DelayLevelDeliverer[] deliverers;
    private readonly Redeliverer[] redeliverers;
    private readonly CancellationTokenSource stopping = new();
    private readonly ILogger logger;
    private Task[] loops = [];
    private int state; // 0 new, 1 started, 2 stopped

    public ScheduleMessageService(MessageStore store, string root, DelayLevelTable levels, TimeProvider time, ILogger logger, int timerSlots = TimerMessageService.DefaultSlotCount)
    {
        Levels = levels;
        Time = time;
        this.logger = logger;
        Router = new ScheduleRouter(levels, time, store.Options.EffectiveTimerMaxDelayMs);
        Offsets = new DelayOffsetStore(root, levels.MaxLevel);
        deliverers = new DelayLevelDeliverer[levels.MaxLevel];
        redeliverers = new Redeliverer[levels.MaxLevel];
        for (int level = 1; level <= levels.MaxLevel; level++)
        {
            redeliverers[level - 1] = new Redeliverer(store, new InflightRecord(Path.Combine(root, "schedule", $"inflight-{level}")), logger, "delay");
            deliverers[level - 1] = new DelayLevelDeliverer(store, this, level, logger);
        }

        Timer = new TimerMessageService(store, root, time, logger, timerSlots);
    }

    public DelayLevelTable Levels { get; }

    public TimeProvider Time { get; }

    public ScheduleRouter Router { get; }

    public DelayOffsetStore Offsets { get; }

    public TimerMessageService Timer { get; }

    /// <summary>The re-put of a delay level's deliverer (one in-flight record per level: levels run concurrently).</summary>
    public Redeliverer RedelivererOf(int level) => redeliverers[level - 1];

    public IDispatchSink Wrap(IDispatchSink sink) => new ScheduleDispatchSink(sink, this);

    public void OnScheduleDispatched(int queueId)
    {
        int level = ScheduleTopics.LevelOf(queueId);
        if (level >= 1 && level <= deliverers.Length)
            deliverers[level - 1].Arrived.Set();
    }

    public void OnTimerDispatched() => Timer.Arrived.Set();

    public void Start()
    {
        if (Interlocked.CompareExchange(ref state, 1, 0) != 0) return;
        var ct = stopping.Token;
        var tasks = deliverers.Select(d => d.RunAsync(ct)).ToList();
        tasks.Add(Timer.RunAsync(ct));
        tasks.Add(PersistPeriodicallyAsync(ct));
        loops = [.. tasks];
        ScheduleLog.Started(logger, Levels.MaxLevel, Timer.SlotCount, TimerMessageService.SlotMs, Timer.EnqueueOffset);
    }

    /// <summary>Stops the deliverers (an in-flight re-put finishes or is refused) and writes delayOffset.json.</summary>
    public async ValueTask StopAsync()
    {
        if (Interlocked.Exchange(ref state, 2) == 2) return;
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);
        Offsets.PersistJson();
    }

    private async Task PersistPeriodicallyAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PersistInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try { Offsets.PersistJson(); }
                catch (IOException) { } // the binary progress file is the truth; the next tick writes the JSON again
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var redeliverer in redeliverers)
            redeliverer.Dispose();
        Timer.Dispose();
        Offsets.Dispose();
        stopping.Dispose();
    }
}
