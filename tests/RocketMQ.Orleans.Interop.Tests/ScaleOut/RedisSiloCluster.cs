using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.ScaleOut;

/// <summary>
/// A throw-away Redis server and two silo processes joined into one Orleans cluster through it (Redis membership and
/// Redis grain storage for the control plane), each silo its own broker group with its own data directory and ports.
/// </summary>
public sealed class RedisSiloCluster : IAsyncDisposable
{
    private readonly SiloFixture?[] _silos;

    private RedisSiloCluster(RedisServer redis, string clusterId, string[] brokerNames)
    {
        Redis = redis;
        ClusterId = clusterId;
        BrokerNames = brokerNames;
        _silos = new SiloFixture?[brokerNames.Length];
    }

    public RedisServer Redis { get; }

    public string ClusterId { get; }

    /// <summary>Broker group names, in silo order.</summary>
    public IReadOnlyList<string> BrokerNames { get; }

    public IReadOnlyList<SiloFixture> Silos =>
        _silos.Select(s => s ?? throw new InvalidOperationException("The cluster has not started.")).ToArray();

    /// <summary>Broker name → broker address ("127.0.0.1:listenPort") as routes must list them.</summary>
    public IReadOnlyDictionary<string, string> BrokerAddresses =>
        BrokerNames.Zip(Silos, (name, silo) => (name, silo.BrokerAddress)).ToDictionary(p => p.name, p => p.BrokerAddress);

    /// <summary>Every silo's name-server address, what a client spanning the cluster gets as nameSrv.</summary>
    public IReadOnlyList<string> NameServers => Silos.Select(s => s.NameServerAddress).ToArray();

    /// <summary>
    /// Starts Redis, then both silos at once; ready once every silo accepts connections on both its ports.
    /// <paramref name="extraSettings"/> gives silo i (0-based) settings of its own.
    /// </summary>
    public static async Task<RedisSiloCluster> StartAsync(int siloCount = 2, Func<int, IEnumerable<KeyValuePair<string, string>>>? extraSettings = null)
    {
        var redis = await RedisServer.StartAsync();
        string run = Guid.NewGuid().ToString("N")[..8];
        var cluster = new RedisSiloCluster(redis, $"scaleout-{run}", Enumerable.Range(0, siloCount).Select(i => $"broker-{(char)('a' + i)}-{run}").ToArray());
        try
        {
            // One call for all ports, so no two silos are handed the same one.
            var ports = FreePorts.Take(4 * siloCount);
            await Task.WhenAll(Enumerable.Range(0, siloCount).Select(async i =>
            {
                var siloPorts = new SiloPorts(ports[4 * i], ports[4 * i + 1], ports[4 * i + 2], ports[4 * i + 3]);
                var settings = cluster.Settings(cluster.BrokerNames[i]).Concat(extraSettings?.Invoke(i) ?? []);
                cluster._silos[i] = await SiloFixture.StartAsync(settings, siloPorts);
            }));
            return cluster;
        }
        catch (Exception e)
        {
            string diagnostics = cluster.Diagnostics();
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"The Redis-clustered silos did not start: {e.Message}\n{diagnostics}", e);
        }
    }

    /// <summary>Redis and silo output, for failure messages.</summary>
    public string Diagnostics() =>
        ClusterDiagnostics.Describe(_silos.Select((silo, i) => ($"silo {BrokerNames[i]}", silo)), Redis);

    public async ValueTask DisposeAsync()
    {
        // Silos first: they would otherwise spend their shutdown retrying a vanished membership table.
        await Task.WhenAll(_silos.OfType<SiloFixture>().Select(s => s.DisposeAsync().AsTask()));
        await Redis.DisposeAsync();
    }

    private IEnumerable<KeyValuePair<string, string>> Settings(string brokerName) => new Dictionary<string, string>
    {
        [SiloSettings.Clustering] = "Redis",
        [SiloSettings.ClusteringConnectionString] = Redis.ConnectionString,
        [SiloSettings.GrainStorage] = "Redis",
        [SiloSettings.ClusterId] = ClusterId,
        [SiloSettings.ServiceId] = ClusterId,
        [SiloSettings.AdvertisedIPAddress] = "127.0.0.1",
        [SiloSettings.ListenAddress] = "127.0.0.1",
        [SiloSettings.BrokerName] = brokerName,
    };
}
