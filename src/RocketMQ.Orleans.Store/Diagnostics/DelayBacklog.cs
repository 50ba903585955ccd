using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Store.Diagnostics;

/// <summary>The delayed messages of a store not yet due, for the delay-backlog gauge.</summary>
public static class DelayBacklog
{
    /// <summary>
    /// Messages stored in the delay-level queues (SCHEDULE_TOPIC_XXXX, one queue per level) beyond what each level has
    /// delivered so far (Apache's delayOffset), summed over the levels; 0 while the schedule service is not open.
    /// </summary>
    public static long Of(MessageStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        ScheduleMessageService schedule;
        try
        {
            schedule = store.Schedule;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }

        long backlog = 0;
        for (int level = 1; level <= schedule.Levels.MaxLevel; level++)
        {
            long stored = store.GetMaxOffsetInQueue(ScheduleTopics.ScheduleTopic, ScheduleTopics.QueueIdOf(level));
            backlog += Math.Max(0, stored - Math.Max(0, schedule.Offsets.Get(level)));
        }

        return backlog;
    }
}
