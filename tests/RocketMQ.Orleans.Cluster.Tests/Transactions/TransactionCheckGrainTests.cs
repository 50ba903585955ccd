using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Broker.Transactions;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;

namespace RocketMQ.Orleans.Cluster.Tests.Transactions;

/// <summary>
/// TransactionCheckGrain in a real cluster: one per live broker group, its rounds run on the group's own silo, a dead
/// silo's group is not checked elsewhere, and its progress survives a full restart. Its own clusters: silos go down.
/// </summary>
public sealed class TransactionCheckGrainTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);
    private readonly string _dataPath = TestClusters.CreateDataDirectory();

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);

    [Fact]
    public async Task Each_live_broker_group_is_checked_on_its_own_silo_and_progress_survives_a_restart()
    {
        long roundsBefore;
        string survivorBroker;
        await using (var cluster = await StartAsync(2))
        {
            var survivor = cluster.Silos[0];
            var killed = cluster.Silos[1];
            survivorBroker = TestClusters.BrokerNameOf(survivor);
            var grains = survivor.Get<IGrainFactory>();
            foreach (var silo in cluster.Silos)
            {
                var broker = TestClusters.BrokerNameOf(silo);
                await Eventually.HoldsAsync(async () => Checker(silo).Rounds >= 2 && (await StatusAsync(grains, broker)).Rounds >= 2,
                    TimeSpan.FromSeconds(30), $"{broker} is checked on its silo");
                var status = await StatusAsync(grains, broker);
                Assert.True(status.Attached);
                Assert.Equal(silo.SiloAddress.ToParsableString(), status.LastSilo);
                Assert.True(status.Last!.HalfOffset >= 20, "the grain keeps the progress its silo reported");
            }

            // A dead silo's group is not checked by a survivor (which cannot read its log): its grain stops.
            await cluster.KillSiloAsync(killed);
            var killedBroker = TestClusters.BrokerNameOf(killed);
            await Eventually.HoldsAsync(async () => !(await StatusAsync(grains, killedBroker)).Attached, TimeSpan.FromSeconds(45),
                "the dead silo's broker group stops being checked");
            var frozen = (await StatusAsync(grains, killedBroker)).Rounds;
            var survivorRounds = Checker(survivor).Rounds;
            await Eventually.TrueAsync(() => Checker(survivor).Rounds >= survivorRounds + 3, "the live group keeps being checked", TimeSpan.FromSeconds(30));
            Assert.Equal(frozen, (await StatusAsync(grains, killedBroker)).Rounds);
            Assert.Equal(killed.SiloAddress.ToParsableString(), (await StatusAsync(grains, killedBroker)).LastSilo);

            roundsBefore = (await StatusAsync(grains, survivorBroker)).Rounds;
            await cluster.StopAllSilosAsync();
        }

        await using var restarted = await StartAsync(1);
        var status2 = await StatusAsync(restarted.Silos[0].Get<IGrainFactory>(), survivorBroker);
        Assert.True(status2.Rounds >= roundsBefore, $"persisted rounds {status2.Rounds} >= {roundsBefore} before the restart");
        Assert.True(status2.Last is { HalfOffset: >= 20 });
    }

    private static RecordingTransactionChecker Checker(InProcessSiloHandle silo) => (RecordingTransactionChecker)silo.Get<ILocalTransactionChecker>();

    private static Task<TransactionCheckStatus> StatusAsync(IGrainFactory grains, string broker) =>
        grains.GetGrain<ITransactionCheckGrain>(broker).GetStatusAsync();

    private Task<InProcessTestCluster> StartAsync(short silos) => TestClusters.StartAsync(silos, _dataPath, (broker, silo) =>
    {
        silo.Services.AddSingleton<ILocalTransactionChecker>(new RecordingTransactionChecker(broker, Interval));
        silo.Services.AddRocketMQTransactionChecks();
    });
}
