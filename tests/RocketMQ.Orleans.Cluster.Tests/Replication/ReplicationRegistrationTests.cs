using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Broker.Replication;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;

namespace RocketMQ.Orleans.Cluster.Tests.Replication;

/// <summary>AddRocketMQReplication: binding, validation, and membership tuning only when replication is on.</summary>
public sealed class ReplicationRegistrationTests
{
    [Fact]
    public void AddRocketMQBroker_binds_the_Replication_section_and_tightens_failure_detection_when_replication_is_on()
    {
        using var services = Build(
            builder => builder.AddRocketMQBroker(Configuration(("Replication:Mode", "Sync"), ("Replication:LeaseMillis", "3000"), ("Replication:MinInSyncReplicas", "3"))));

        var replication = services.GetRequiredService<IOptions<ReplicationOptions>>().Value;
        Assert.Equal((ReplicationMode.Sync, 3_000, 3), (replication.Mode, replication.LeaseMillis, replication.MinInSyncReplicas));

        var membership = services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(1), membership.ProbeTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), membership.MinProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), membership.MaxProbeTimeout);
        Assert.Equal(2, membership.NumMissedProbesLimit);
        Assert.Equal(2, membership.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromSeconds(10), membership.DeathVoteExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), membership.TableRefreshTimeout);

        // Worst case from a crash to the last vote: a direct miss and an indirect one, each at most MaxProbeTimeout
        // after its predecessor, plus the indirect probe's own timeout.
        Assert.True(membership.MaxProbeTimeout * (membership.NumMissedProbesLimit + 1) <= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_silo_with_replication_on_starts_with_the_tightened_failure_detection()
    {
        var dataPath = TestClusters.CreateDataDirectory();
        try
        {
            await using var cluster = await TestClusters.StartAsync(1, dataPath, (_, silo) =>
                silo.AddRocketMQReplication(configure: options => options.Mode = ReplicationMode.Sync));

            // Orleans validated the combination at start (e.g. MinProbeTimeout <= ProbeTimeout <= MaxProbeTimeout).
            var membership = cluster.Silos[0].Get<IOptions<ClusterMembershipOptions>>().Value;
            Assert.Equal((TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10)), (membership.MaxProbeTimeout, membership.NumMissedProbesLimit, membership.DeathVoteExpirationTimeout));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public void Without_replication_Orleans_failure_detection_keeps_its_defaults()
    {
        using var services = Build(builder => builder.AddRocketMQReplication(Configuration(("LeaseMillis", "3000"))));

        Assert.Equal(ReplicationMode.None, services.GetRequiredService<IOptions<ReplicationOptions>>().Value.Mode);
        var membership = services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var defaults = new ClusterMembershipOptions();
        Assert.Equal(
            (defaults.ProbeTimeout, defaults.MaxProbeTimeout, defaults.NumMissedProbesLimit, defaults.DeathVoteExpirationTimeout, defaults.TableRefreshTimeout),
            (membership.ProbeTimeout, membership.MaxProbeTimeout, membership.NumMissedProbesLimit, membership.DeathVoteExpirationTimeout, membership.TableRefreshTimeout));
    }

    [Theory]
    [InlineData("Sync", "100", "50", "LeaseMillis")]
    [InlineData("Async", "2000", "1000", "HeartbeatMillis")]
    public void Invalid_replication_options_fail_naming_the_setting(string mode, string lease, string heartbeat, string setting)
    {
        using var services = Build(builder => builder.AddRocketMQReplication(
            Configuration(("Mode", mode), ("LeaseMillis", lease), ("HeartbeatMillis", heartbeat))));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReplicationOptions>>().Value);
        Assert.Contains(setting, failure.Message);
    }

    [Fact]
    public void Adding_replication_twice_registers_validation_and_tuning_once_and_applies_both_configurations()
    {
        using var services = Build(builder => builder
            .AddRocketMQReplication(configure: options => options.Mode = ReplicationMode.Async)
            .AddRocketMQReplication(configure: options => options.LeaseMillis = 4_000));

        Assert.Single(services.GetServices<IValidateOptions<ReplicationOptions>>());
        Assert.Single(services.GetServices<IConfigureOptions<ClusterMembershipOptions>>(), c => c is ReplicationMembershipTuning);
        var replication = services.GetRequiredService<IOptions<ReplicationOptions>>().Value;
        Assert.Equal((ReplicationMode.Async, 4_000), (replication.Mode, replication.LeaseMillis));
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    private static ServiceProvider Build(Action<ISiloBuilder> configure)
    {
        var builder = new ServiceCollectionSiloBuilder();
        configure(builder);
        return builder.Services.BuildServiceProvider();
    }

    /// <summary>Just the registrations: nothing is started, only options are resolved.</summary>
    private sealed class ServiceCollectionSiloBuilder : ISiloBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection().AddOptions();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
