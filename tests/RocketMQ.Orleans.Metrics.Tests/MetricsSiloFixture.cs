using Orleans.TestingHost;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Console.Hosting;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Metrics.Tests;

/// <summary>
/// One in-process silo with the broker (free loopback ports, store in a temp directory) and the web console on a free
/// port, whose /metrics the tests scrape.
/// </summary>
public sealed class MetricsSiloFixture : IAsyncLifetime
{
    private InProcessSilo _silo = null!;

    public InProcessTestCluster Cluster => _silo.Cluster;

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
        NameServerAddress = _silo.NameServerAddress,
        ClientIp = Loopback.IP,
        InstanceName = "metrics-" + Guid.NewGuid().ToString("N")[..8],
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public async Task InitializeAsync()
    {
        int consolePort = FreePorts.Next();
        _silo = await InProcessSilo.StartAsync(new InProcessSiloOptions
        {
            DataDirectoryPrefix = "rmq-metrics-tests-",
            BrokerName = BrokerName,
            ConfigureSilo = silo => silo.AddRocketMQConsole(console =>
            {
                console.Port = consolePort;
                console.ListenAddress = Loopback.IP;
            }),
        });
        MetricsUri = new Uri($"http://{Loopback.IP}:{consolePort}/metrics");
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
        await _silo.DisposeAsync();
    }
}
