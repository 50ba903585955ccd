using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Storage;
using Orleans.TestingHost;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts.Replication;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Replication;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;

namespace RocketMQ.Orleans.Cluster.Tests.Replication;

/// <summary>What the leadership grain writes, and what it answers when a write fails (fake clock, in-memory storage).</summary>
public sealed class ReplicaGroupGrainStorageTests : IDisposable
{
    private const string StateName = "replicaGroup";
    private static readonly TimeSpan Lease = TimeSpan.FromMilliseconds(2_000);
    private readonly string _dataPath = TestClusters.CreateDataDirectory();
    private readonly FakeTimeProvider _clock = new();
    private readonly SwitchableGrainStorage _storage = new();

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);

    [Fact]
    public async Task Follower_heartbeats_write_nothing_and_lease_renewals_are_written_about_once_per_half_lease()
    {
        await using var cluster = await StartAsync();
        var silo = cluster.Silos[0];
        var grain = await FormGroupAsync(silo, "replica-group-writes");
        var before = _storage.WritesOf(StateName);

        _clock.Advance(TimeSpan.FromMilliseconds(100));
        await grain.ReportAsync(Report("a", silo, epoch: 1, isLeader: false));
        Assert.Equal(before, _storage.WritesOf(StateName));

        // 40 renewals 100 ms apart span two leases (four half leases); each follower heartbeat alongside writes nothing.
        for (var round = 0; round < 40; round++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await grain.ReportAsync(Report("b", silo, epoch: 1, isLeader: true));
            await grain.ReportAsync(Report("a", silo, epoch: 1, isLeader: false));
        }

        Assert.InRange(_storage.WritesOf(StateName) - before, 3, 4);
        Assert.Equal(("b", 1L), Leader(await grain.GetAsync()));
    }

    [Fact]
    public async Task A_refused_write_fails_the_call_and_the_grain_keeps_serving_what_is_stored()
    {
        await using var cluster = await StartAsync();
        var silo = cluster.Silos[0];
        var grain = await FormGroupAsync(silo, "replica-group-refused");
        _storage.RefuseWrites = true;

        // A heartbeat that changes no leadership needs no write, so it still succeeds.
        Assert.Equal(("b", 1L), Leader(await grain.ReportAsync(Report("a", silo, epoch: 1, isLeader: false))));

        // b's lease ends: electing a needs a write, which fails, and the caller hears of the failure, not of an election.
        _clock.Advance(Lease);
        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.ReportAsync(Report("a", silo, epoch: 1, isLeader: false)));
        Assert.Equal(("b", 1L), Leader(await grain.GetAsync()));

        _storage.RefuseWrites = false;
        _clock.Advance(Lease);
        Assert.Equal(("a", 2L), Leader(await grain.ReportAsync(Report("a", silo, epoch: 1, isLeader: false))));
    }

    /// <summary>b (the longer log) is elected in epoch 1, has renewed once, and made a and b the in-sync set.</summary>
    private async Task<IReplicaGroupGrain> FormGroupAsync(InProcessSiloHandle silo, string group)
    {
        var grain = silo.Get<IGrainFactory>().GetGrain<IReplicaGroupGrain>(group);
        await grain.ReportAsync(Report("a", silo, epoch: 0, isLeader: false));
        Assert.Equal(("b", 1L), Leader(await grain.ReportAsync(Report("b", silo, epoch: 0, isLeader: false, offset: 200))));
        await grain.ReportAsync(Report("b", silo, epoch: 1, isLeader: true, offset: 200));
        await grain.ChangeInSyncAsync("b", 1, ["a", "b"]);
        return grain;
    }

    private static (string? Leader, long Epoch) Leader(ReplicaGroupView view) => (view.LeaderId, view.Epoch);

    private static ReplicaReport Report(string replicaId, InProcessSiloHandle silo, long epoch, bool isLeader, long offset = 100) =>
        new(replicaId, silo.SiloAddress, "127.0.0.1:" + (replicaId == "a" ? 10911 : 10921), epoch, LastLogEpoch: epoch, offset, isLeader);

    private Task<InProcessTestCluster> StartAsync() => TestClusters.StartAsync(1, _dataPath, (_, silo) =>
    {
        silo.Services.AddSingleton<TimeProvider>(_clock);
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        silo.Services.AddKeyedSingleton<IGrainStorage>(ControlPlaneStorage.ProviderName, _storage);
        silo.AddRocketMQReplication(configure: options => options.LeaseMillis = (int)Lease.TotalMilliseconds);
    });
}
