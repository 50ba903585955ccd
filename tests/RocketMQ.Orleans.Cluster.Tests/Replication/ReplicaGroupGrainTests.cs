using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.TestingHost;
using RocketMQ.Orleans.Abstractions.Contracts.Replication;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Replication;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;

namespace RocketMQ.Orleans.Cluster.Tests.Replication;

/// <summary>
/// The leadership grain in a real silo whose clock is a <see cref="FakeTimeProvider"/> (Orleans' own loops keep real
/// time), persisting to file grain storage that outlives the cluster.
/// </summary>
public sealed class ReplicaGroupGrainTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMilliseconds(2_000);
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
    private readonly string _dataPath = TestClusters.CreateDataDirectory();
    private readonly FakeTimeProvider _clock = new();

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);

    [Fact]
    public async Task Grain_calls_elect_renew_and_re_elect_once_the_clock_passes_the_lease_fencing_the_old_leader()
    {
        await using var cluster = await StartAsync();
        var silo = cluster.Silos[0];
        var grain = silo.Get<IGrainFactory>().GetGrain<IReplicaGroupGrain>("replica-group-elect");

        var alone = await grain.ReportAsync(Report("a", silo, offset: 200));
        Assert.Null(alone.LeaderId);
        Assert.Equal(1, alone.Members["a"].FollowerBrokerId);

        var elected = await grain.ReportAsync(Report("b", silo, offset: 300));
        Assert.Equal(("b", 1L), (elected.LeaderId, elected.Epoch));
        Assert.Equal(2, elected.Leader!.FollowerBrokerId);
        Assert.Equal(new EpochEntry(1, "b", -1), Assert.Single(elected.EpochHistory));

        var renewed = await grain.ReportAsync(Report("b", silo, offset: 300, epoch: 1, isLeader: true));
        Assert.Equal(300, Assert.Single(renewed.EpochHistory).StartOffset);
        var inSync = await grain.ChangeInSyncAsync("b", 1, ["b", "a"]);
        Assert.Equal(["a", "b"], inSync.InSync.Order());

        _clock.Advance(Lease - Millisecond);
        Assert.Equal("b", (await grain.ReportAsync(Report("a", silo, offset: 300))).LeaderId);

        _clock.Advance(Millisecond);
        var reElected = await grain.ReportAsync(Report("a", silo, offset: 300));
        Assert.Equal(("a", 2L), (reElected.LeaderId, reElected.Epoch));
        Assert.Equal(["a"], reElected.InSync.AsEnumerable());

        var fenced = await grain.ReportAsync(Report("b", silo, offset: 400, epoch: 1, isLeader: true));
        Assert.Equal(("a", 2L), (fenced.LeaderId, fenced.Epoch));
        Assert.Equal(reElected.Members["b"], fenced.Members["b"]);

        await grain.ReportAsync(Report("a", silo, offset: 300, epoch: 2, isLeader: true));
        Assert.Equal(300, (await grain.GetAsync()).EndOfEpoch(1));
    }

    [Fact]
    public async Task Persisted_epoch_and_lease_survive_a_restart_and_the_new_activation_does_not_elect_before_the_lease_ends()
    {
        const string group = "replica-group-restart";
        DateTimeOffset electedAt;
        await using (var first = await StartAsync())
        {
            var silo = first.Silos[0];
            var grain = silo.Get<IGrainFactory>().GetGrain<IReplicaGroupGrain>(group);
            await grain.ReportAsync(Report("a", silo, offset: 100));
            electedAt = _clock.GetUtcNow();
            Assert.Equal("b", (await grain.ReportAsync(Report("b", silo, offset: 200))).LeaderId);
            await grain.ReportAsync(Report("b", silo, offset: 200, epoch: 1, isLeader: true));
            await grain.ChangeInSyncAsync("b", 1, ["a", "b"]);
            await first.StopAllSilosAsync();
        }

        // What storage holds: the epoch, and a lease that ends no earlier than the one the leader was granted.
        var stored = await ReadStoredStateAsync(group);
        Assert.Equal(1, stored.GetProperty("Epoch").GetInt64());
        var reservedUntil = stored.GetProperty("LeaseExpiresUtc").GetDateTimeOffset();
        Assert.True(reservedUntil >= electedAt + Lease, $"reserved until {reservedUntil:O}, granted until {electedAt + Lease:O}");

        await using var second = await StartAsync();
        var restarted = second.Silos[0];
        var fresh = restarted.Get<IGrainFactory>().GetGrain<IReplicaGroupGrain>(group);
        var view = await fresh.GetAsync();
        Assert.Equal(("b", 1L), (view.LeaderId, view.Epoch));
        Assert.Equal(["a", "b"], view.InSync.Order());
        Assert.Equal([1L, 2L], new[] { "a", "b" }.Select(id => view.Members[id].FollowerBrokerId));
        Assert.Equal(new EpochEntry(1, "b", 200), Assert.Single(view.EpochHistory));

        // The granted lease has run out and b never reported to this activation, yet the stored lease still holds.
        _clock.Advance(electedAt + Lease - _clock.GetUtcNow());
        Assert.Equal(("b", 1L), Leader(await fresh.ReportAsync(Report("a", restarted, offset: 200))));
        _clock.Advance(reservedUntil - Millisecond - _clock.GetUtcNow());
        Assert.Equal(("b", 1L), Leader(await fresh.ReportAsync(Report("a", restarted, offset: 200))));

        _clock.Advance(Millisecond);
        Assert.Equal(("a", 2L), Leader(await fresh.ReportAsync(Report("a", restarted, offset: 200))));
    }

    private static (string? Leader, long Epoch) Leader(ReplicaGroupView view) => (view.LeaderId, view.Epoch);

    private static ReplicaReport Report(string replicaId, InProcessSiloHandle silo, long offset, long epoch = 0, bool isLeader = false) =>
        new(replicaId, silo.SiloAddress, "127.0.0.1:" + (replicaId == "a" ? 10911 : 10921), epoch, LastLogEpoch: epoch, offset, isLeader);

    private Task<InProcessTestCluster> StartAsync() => TestClusters.StartAsync(1, _dataPath, (_, silo) =>
    {
        silo.Services.AddSingleton<TimeProvider>(_clock);

        // Only grains follow the fake clock: Orleans' membership, messaging and activation loops stay on real time.
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        silo.AddRocketMQReplication(configure: options =>
        {
            options.LeaseMillis = (int)Lease.TotalMilliseconds;
            options.MinInSyncReplicas = 2;
        });
    });

    private async Task<JsonElement> ReadStoredStateAsync(string group)
    {
        var file = Assert.Single(Directory.GetFiles(Path.Combine(_dataPath, "grains"), "*" + group + "*.json", SearchOption.AllDirectories));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        return document.RootElement.GetProperty("state").Clone();
    }
}
