using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Console.Hosting;

namespace RocketMQ.Orleans.Metrics.Tests;

/// <summary>
/// One in-process silo with the broker (free loopback ports, store in a temp directory) and the web console on a free
/// port, whose /metrics the tests scrape.
/// </summary>
public sealed class MetricsSiloFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rmq-metrics-tests-" + Guid.NewGuid().ToString("N"));
    private int _nameServerPort;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>
    /// Unique per fixture: the meter is process-wide, so every silo of this test assembly shows on every scrape, and
    /// gauges of two silos with one broker tag would overwrite each other.
    /// </summary>
    public string BrokerName { get; } = "broker-metrics-" + Guid.NewGuid().ToString("N")[..8];

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The console's /metrics.</summary>
    public Uri MetricsUri { get; private set; } = null!;

    public RocketMQClientOptions ClientOptions() => new()
    {
        NameServerAddress = $"127.0.0.1:{_nameServerPort}",
        ClientIp = "127.0.0.1",
        InstanceName = "metrics-" + Guid.NewGuid().ToString("N")[..8],
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public async Task InitializeAsync()
    {
        _nameServerPort = FreePorts.Next();
        int listenPort = FreePorts.Next();
        int consolePort = FreePorts.Next();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.AddRocketMQBroker(broker => broker
                .ConfigureIdentity(identity =>
                {
                    identity.BrokerName = BrokerName;
                    identity.BrokerIP1 = "127.0.0.1";
                })
                .ConfigureRemoting(remoting =>
                {
                    remoting.NameServerPort = _nameServerPort;
                    remoting.ListenPort = listenPort;
                    remoting.EnableVipChannel = false;
                    remoting.BindAddress = "127.0.0.1";
                    remoting.ServerWorkerThreads = 2;
                    remoting.ServerSelectorThreads = 1;
                })
                .ConfigureStore(store => SmallStore.Apply(store, _dataPath)));
            silo.AddRocketMQConsole(console =>
            {
                console.Port = consolePort;
                console.ListenAddress = "127.0.0.1";
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        MetricsUri = new Uri($"http://127.0.0.1:{consolePort}/metrics");
    }

    /// <summary>The exposition text /metrics serves now.</summary>
    public async Task<PrometheusText> ScrapeAsync()
    {
        using var response = await Http.GetAsync(MetricsUri);
        response.EnsureSuccessStatusCode();
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
