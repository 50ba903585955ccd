using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using RocketMQ.Orleans.Broker.ControlPlane;
using RocketMQ.Orleans.Broker.Hosting;

namespace RocketMQ.Orleans.Cluster.Tests.Infrastructure;

/// <summary>
/// Builds in-process test clusters whose silos each run the control plane as one broker group
/// ("broker-&lt;silo name&gt;", stable across restarts) with file grain storage under one data directory.
/// </summary>
internal static class TestClusters
{
    public const string BrokerIP = "127.0.0.1";

    public static string BrokerNameOf(InProcessSiloHandle silo) => BrokerNameOf(silo.Name);

    public static string BrokerNameOf(string siloName) => "broker-" + siloName;

    public static string CreateDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "rmq-cluster-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Starts <paramref name="silos"/> silos; <paramref name="configure"/> adds per-test services to each (by broker name).</summary>
    public static async Task<InProcessTestCluster> StartAsync(short silos, string dataPath, Action<string, ISiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.AddRocketMQControlPlane(
                identity =>
                {
                    identity.BrokerName = BrokerNameOf(siloOptions.SiloName);
                    identity.BrokerIP1 = BrokerIP;
                    identity.ListenPort = siloOptions.SiloPort;
                },
                dataPath);
            silo.Configure<ControlPlaneOptions>(options => options.CacheTimeToLive = TimeSpan.FromSeconds(30));

            // Death is detected in seconds rather than Orleans' production minute.
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                options.ExtendProbeTimeoutDuringDegradation = false;
            });
            configure?.Invoke(BrokerNameOf(siloOptions.SiloName), silo);
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        return cluster;
    }

    public static IServiceProvider Services(this InProcessSiloHandle silo) => silo.SiloHost.Services;

    public static T Get<T>(this InProcessSiloHandle silo)
        where T : notnull => (T)silo.Services().GetService(typeof(T))!;
}
