using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Replication;
using RocketMQ.Orleans.Store.Schedule;
using RocketMQ.Orleans.Store.Schedule.Timer;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;
using RocketMQ.Orleans.Store.Tests.Schedule;
using RocketMQ.Orleans.Testing;
using static RocketMQ.Orleans.Store.Tests.Schedule.ScheduleTestKit;

namespace RocketMQ.Orleans.Store.Tests.Replication;

/// <summary>
/// A follower does not deliver timers (its leader does), but it copies the leader's timer progress: once promoted it
/// delivers the timers still pending, not again every one its leader delivered while it followed.
/// </summary>
[Collection(DeliveryTimingCollection.Name)]
public sealed class TimerProgressReplicationTests
{
    private static MessageToStore At(string body, long deliverMs) =>
        Message("Real", 0, body, (ScheduleTopics.PropertyTimerDeliverMs, deliverMs.ToString()));

    [Fact]
    public async Task A_promoted_follower_delivers_only_the_timers_its_leader_had_not_delivered()
    {
        await using var leader = await TestStore.OpenAsync();
        await using var follower = await TestStore.OpenAsync();
        var gate = new SwitchableGate();
        follower.Store.ReplicationGate = gate;

        long now = Now();
        for (int i = 0; i < 10; i++)
            await leader.PutOkAsync(At($"early-{i}", now + 1200 + i * 40));
        await leader.PutOkAsync(At("late", now + 3500));

        await Eventually.TrueAsync(() => leader.Store.GetMaxOffsetInQueue("Real", 0) == 10, "the leader delivered the ten early timers", TimeSpan.FromSeconds(20));
        // The follower holds the same log, the re-puts included, and files the same timers, but delivers none.
        await ReplicaCopy.CopyAllAsync(leader.Store, follower.Store, chunk: 256 * 1024);
        await follower.Store.WaitForDispatchAsync();
        await Eventually.TrueAsync(() => follower.Store.Schedule.Timer.EnqueueOffset == 11, "the follower filed all eleven timers");
        Assert.Equal(10, follower.Store.GetMaxOffsetInQueue("Real", 0));

        follower.Store.ApplyReplicatedMetadata(leader.Store.ConsumerOffsets.ToJson(), leader.Store.EncodeDelayOffsets(), leader.Store.EncodeTimerProgress());
        var leaderProgress = leader.Store.Schedule.Timer.Progress;
        await Eventually.TrueAsync(() => follower.Store.Schedule.Timer.DequeueSlot >= leaderProgress.Slot, "the follower moved to the leader's slot");

        // Promoted: the late timer comes once; none of the ten early ones comes back.
        gate.Leading = true;
        await Eventually.TrueAsync(() => follower.Store.GetMaxOffsetInQueue("Real", 0) >= 11, "the promoted follower delivered the late timer", TimeSpan.FromSeconds(20));
        // Slots go in order: an early timer delivered again would have come before the late one.
        await Eventually.TrueAsync(() => follower.Store.Schedule.Timer.DequeueSlot * TimerMessageService.SlotMs > now + 3500, "the follower's timer passed the late slot");
        var bodies = (await ReadAllAsync(follower.Store, "Real", 0)).Select(BodyOf).ToList();
        Assert.Equal(11, bodies.Count);
        Assert.Equal(1, bodies.Count(b => b == "late"));
        Assert.Equal(10, bodies.Distinct().Count(b => b.StartsWith("early-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Timer_progress_round_trips_through_its_text_form()
    {
        var progress = new TimerProgress(17_000_000_123, -1, 42);
        Assert.Equal(progress, TimerProgress.Parse(progress.Encode()));
        Assert.Null(TimerProgress.Parse("1,2"));
        Assert.Null(TimerProgress.Parse(null));
    }

    /// <summary>A follower's say in puts: refused until promoted; acknowledged at once when leading.</summary>
    private sealed class SwitchableGate : IReplicationGate
    {
        public volatile bool Leading;

        public PutMessageStatus AdmitWrite(out string? reason)
        {
            reason = Leading ? null : "follower";
            return Leading ? PutMessageStatus.PutOk : PutMessageStatus.InSyncReplicasNotEnough;
        }

        public ValueTask<PutMessageStatus> WaitReplicatedAsync(long end, CancellationToken ct) => new(PutMessageStatus.PutOk);
    }
}
