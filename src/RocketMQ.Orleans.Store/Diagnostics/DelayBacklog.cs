using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Store.Diagnostics;

/// <summary>The delayed messages of a store not yet due, for the delay-backlog gauge.</summary>
public static class DelayBacklog
{
    /// <summary>Delay-level backlog plus timed messages not yet delivered (<see cref="OfLevels"/> + <see cref="OfTimer"/>).</summary>
    public static long Of(MessageStore store) => OfLevels(store) + OfTimer(store);

    /// <summary>
    /// Messages stored in the delay-level queues (SCHEDULE_TOPIC_XXXX, one queue per level) beyond what each level has
    /// delivered so far (Apache's delayOffset), summed over the levels; 0 while the schedule service is not open.
    /// </summary>
    public static long OfLevels(MessageStore store) =>
        LevelProgress(store).Sum(level => Math.Max(0, level.Stored - level.Delivered));

    /// <summary>
    /// Per delay level: how far its delivery has come (Apache's delayOffset) and how many entries its queue holds (the
    /// queue's max offset). Empty while the schedule service is not open.
    /// </summary>
    public static IReadOnlyList<(int Level, long Delivered, long Stored)> LevelProgress(MessageStore store)
    {
        if (OpenSchedule(store) is not { } schedule)
        {
            return [];
        }

        var levels = new (int, long, long)[schedule.Levels.MaxLevel];
        for (int level = 1; level <= levels.Length; level++)
        {
            long stored = store.GetMaxOffsetInQueue(ScheduleTopics.ScheduleTopic, ScheduleTopics.QueueIdOf(level));
            levels[level - 1] = (level, Math.Max(0, schedule.Offsets.Get(level)), stored);
        }

        return levels;
    }

    /// <summary>Timed messages (TIMER_DELIVER_MS and kin) not yet delivered; 0 while the schedule service is not open.</summary>
    public static long OfTimer(MessageStore store) => OpenSchedule(store)?.Timer.Pending ?? 0;

    private static ScheduleMessageService? OpenSchedule(MessageStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            return store.Schedule;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
