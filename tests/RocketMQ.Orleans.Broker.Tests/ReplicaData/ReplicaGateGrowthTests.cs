using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Broker.Replication;
using RocketMQ.Orleans.Broker.Replication.DataPlane;
using RocketMQ.Orleans.Remoting.Transport;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Tests.ReplicaData;

/// <summary>
/// When a Sync leader's held fetch learns of new records: a put handled while an event loop works through a read
/// wakes it once that read ends (so a producer's burst leaves in one answer), any other put at once.
/// </summary>
public sealed class ReplicaGateGrowthTests : IAsyncLifetime
{
    private const string Follower = "replica-2";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private MessageStore store = null!;
    private ReplicaGate gate = null!;
    private string dataPath = null!;

    public async Task InitializeAsync()
    {
        dataPath = Path.Combine(Path.GetTempPath(), "rmq-gate-" + Guid.NewGuid().ToString("N"));
        store = await MessageStore.OpenAsync(new MessageStoreOptions
        {
            DataPath = dataPath,
            CommitLogPageSizeBits = 16,
            CommitLogMemorySizeBits = 18,
            CommitLogSegmentSizeBits = 20,
            MaxMessageSize = 32 * 1024,
        }, NullLoggerFactory.Instance);
        gate = new ReplicaGate(store, new ReplicationOptions { Mode = ReplicationMode.Sync, MinInSyncReplicas = 2, LeaseMillis = 60_000 });
        store.ReplicationGate = gate;
        gate.Lead(1, [Follower], Stopwatch.GetTimestamp());
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Directory.Delete(dataPath, recursive: true);
    }

    [Fact]
    public async Task Puts_handled_during_a_read_wake_the_held_fetch_once_the_read_ends()
    {
        long start = store.LogEndOffset;
        var held = HoldFetch(start);

        // As an event loop does: a read opens, its requests are handled (three puts), the read ends.
        var (puts, appended, wokenDuringRead) = await OnOwnThread(() =>
        {
            ReadBatch.Open();
            var puts = Enumerable.Range(0, 3).Select(i => store.PutMessageAsync(Message(i)).AsTask()).ToList();
            long appended = store.LogEndOffset;
            // A wake-up comes from here within microseconds: 200 ms without one means none was sent.
            bool woken = held.Wait(TimeSpan.FromMilliseconds(200));
            ReadBatch.Close();
            return (puts, appended, woken);
        });

        Assert.True(appended > start, "the puts reached the log (and the gate) during the read");
        Assert.False(wokenDuringRead);
        await held.WaitAsync(Wait);
        await ConfirmAsync(puts);
    }

    [Fact]
    public async Task A_put_away_from_a_read_wakes_the_held_fetch_at_once()
    {
        var held = HoldFetch(store.LogEndOffset);

        var puts = await OnOwnThread(() =>
        {
            Task<PutMessageResult>[] puts = [store.PutMessageAsync(Message(0)).AsTask()];
            Assert.True(held.Wait(Wait), "woken by the put itself");
            return puts;
        });

        await ConfirmAsync(puts);
    }

    // Registered before the puts (synchronously, on the test's thread).
    private Task HoldFetch(long beyond) => gate.WaitForGrowthAsync(beyond, Wait, CancellationToken.None);

    // The puts and the blocking wait run on a thread of their own, as on an event loop: blocking a pool thread on
    // 2 cores could starve the very continuation the test waits for.
    private static Task<T> OnOwnThread<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    // The follower fetches from the log end: that acknowledges every put, which Sync mode waited for.
    private async Task ConfirmAsync(IEnumerable<Task<PutMessageResult>> puts)
    {
        Assert.True(gate.OnFetch(Follower, store.LogEndOffset, 0));
        foreach (var result in await Task.WhenAll(puts).WaitAsync(Wait))
            Assert.Equal(PutMessageStatus.PutOk, result.Status);
    }

    private static MessageToStore Message(int i) => new()
    {
        Topic = "GateTopic",
        QueueId = 0,
        Body = Encoding.UTF8.GetBytes("body " + i),
        Properties = new Dictionary<string, string>(),
        BornTimestamp = 1_700_000_000_000,
    };
}
