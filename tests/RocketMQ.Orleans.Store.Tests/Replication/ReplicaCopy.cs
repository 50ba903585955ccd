namespace RocketMQ.Orleans.Store.Tests.Replication;

/// <summary>
/// The follower's copy loop without the network: fetch from the follower's log end, append what comes back, until
/// both logs end at the same offset. Every pass must move the follower's end (a stuck copy fails, never spins).
/// </summary>
internal static class ReplicaCopy
{
    public static async Task CopyAllAsync(MessageStore leader, MessageStore follower, int chunk = 32 * 1024)
    {
        while (follower.LogEndOffset < leader.LogEndOffset)
        {
            using var cursor = leader.OpenReplicaCursor(follower.LogEndOffset);
            Assert.NotNull(cursor);
            var transfer = leader.ReadForReplica(cursor, new byte[chunk]);
            long before = follower.LogEndOffset;
            await follower.AppendReplicatedAsync(transfer.AsMemory());
            Assert.True(follower.LogEndOffset > before, $"a copy pass from {before} did not move the follower's log end");
        }
    }
}
