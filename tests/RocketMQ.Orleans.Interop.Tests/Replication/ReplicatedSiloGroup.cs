using System.Text;
using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Replication;

/// <summary>
/// A throw-away Redis server and several silo processes that form ONE replicated broker group (same BrokerName,
/// RocketMQ:Replication:Mode set), each with its own data directory and ports, sharing Orleans membership and the
/// control plane's grain storage through Redis.
/// </summary>
public sealed class ReplicatedSiloGroup : IAsyncDisposable
{
    private readonly SiloFixture?[] _silos;
    private readonly IReadOnlyDictionary<string, string> _replication;

    private ReplicatedSiloGroup(RedisServer redis, string clusterId, string brokerName, int count, IReadOnlyDictionary<string, string> replication)
    {
        Redis = redis;
        ClusterId = clusterId;
        BrokerName = brokerName;
        _silos = new SiloFixture?[count];
        _replication = replication;
    }

    public RedisServer Redis { get; }

    public string ClusterId { get; }

    public string BrokerName { get; }

    public IReadOnlyList<SiloFixture> Silos =>
        _silos.Select(s => s ?? throw new InvalidOperationException("The group has not started.")).ToArray();

    /// <summary>Every silo's name server, ';'-separated as clients take them.</summary>
    public string NameServers => string.Join(';', Silos.Select(s => s.NameServerAddress));

    /// <param name="settings">More settings for every silo (e.g. store options), on top of the group's.</param>
    public static async Task<ReplicatedSiloGroup> StartAsync(int siloCount, string mode = "Sync", int minInSyncReplicas = 2,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var redis = await RedisServer.StartAsync();
        string run = Guid.NewGuid().ToString("N")[..8];
        var replication = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["RocketMQ:Replication:Mode"] = mode,
            ["RocketMQ:Replication:MinInSyncReplicas"] = minInSyncReplicas.ToString(),
        };
        var group = new ReplicatedSiloGroup(redis, $"replicated-{run}", $"broker-r-{run}", siloCount, replication);
        try
        {
            var ports = FreePorts.Take(4 * siloCount);
            await Task.WhenAll(Enumerable.Range(0, siloCount).Select(async i =>
            {
                var siloPorts = new SiloPorts(ports[4 * i], ports[4 * i + 1], ports[4 * i + 2], ports[4 * i + 3]);
                group._silos[i] = await SiloFixture.StartAsync(group.Settings(), siloPorts);
            }));
            return group;
        }
        catch (Exception e)
        {
            string diagnostics = group.Diagnostics();
            await group.DisposeAsync();
            throw new InvalidOperationException($"The replicated silos did not start: {e.Message}\n{diagnostics}", e);
        }
    }

    /// <summary>The silo the routes name as broker id 0 of the group (asked of every live name server), or null.</summary>
    public async Task<SiloFixture?> LeaderInRoutesAsync(string topic)
    {
        foreach (var silo in Silos.Where(s => s.IsRunning))
        {
            try
            {
                var route = await NameServerRoutes.TryGetAsync(silo.NameServerAddress, topic);
                var broker = route?.BrokerDatas.FirstOrDefault(b => b.BrokerName == BrokerName);
                if (broker is not null && broker.BrokerAddrs.TryGetValue(0, out var address))
                    return Silos.FirstOrDefault(s => s.BrokerAddress == address);
            }
            catch (Exception e) when (e is IOException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                // A frozen or dying silo, or a name server whose route lookup reached a silo not yet declared dead
                // (it answers SYSTEM_ERROR): ask the next one.
            }
        }

        return null;
    }

    /// <summary>The commit log's end on one replica (GET_BROKER_RUNTIME_INFO's commitLogMaxOffset).</summary>
    public static async Task<long> CommitLogEndAsync(SiloFixture silo)
    {
        await using var connection = await RemotingConnection.ConnectAsync(silo.BrokerAddress, TimeSpan.FromSeconds(5));
        var response = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.GetBrokerRuntimeInfo), TimeSpan.FromSeconds(5));
        Assert.Equal(ResponseCode.Success, response.Code);
        var table = JsonNode.Parse(Encoding.UTF8.GetString(response.Body.Span))!["table"]!;
        return long.Parse(table["commitLogMaxOffset"]!.GetValue<string>());
    }

    /// <summary>The commit log's retained begin and its end on one replica (GET_BROKER_RUNTIME_INFO), or (-1, -1) while it does not answer.</summary>
    public static async Task<(long Begin, long End)> TryGetCommitLogRangeAsync(SiloFixture silo)
    {
        try
        {
            await using var connection = await RemotingConnection.ConnectAsync(silo.BrokerAddress, TimeSpan.FromSeconds(5));
            var response = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.GetBrokerRuntimeInfo), TimeSpan.FromSeconds(5));
            if (response.Code != ResponseCode.Success) return (-1, -1);
            var table = JsonNode.Parse(Encoding.UTF8.GetString(response.Body.Span))!["table"]!;
            return (long.Parse(table["commitLogMinOffset"]!.GetValue<string>()), long.Parse(table["commitLogMaxOffset"]!.GetValue<string>()));
        }
        catch (Exception e) when (e is IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return (-1, -1);
        }
    }

    /// <summary>As <see cref="CommitLogEndAsync"/>, or -1 while the replica does not answer (restarting).</summary>
    public static async Task<long> TryGetCommitLogEndAsync(SiloFixture silo) => (await TryGetCommitLogRangeAsync(silo)).End;

    /// <summary>The first <paramref name="length"/> bytes of a replica's commit log (within its first 1 GiB segment file).</summary>
    public static byte[] CommitLogBytes(SiloFixture silo, long length)
    {
        var bytes = new byte[length];
        using var file = new FileStream(Path.Combine(silo.DataPath, "commitlog", "commitlog.log.0"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int filled = 0, read;
        while (filled < length && (read = file.Read(bytes, filled, (int)Math.Min(length - filled, 1 << 20))) > 0)
            filled += read;
        return bytes.AsSpan(0, filled).ToArray();
    }

    public string Diagnostics() =>
        ClusterDiagnostics.Describe(_silos.Select((silo, i) => ($"replica {i}", silo)), Redis);

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.OfType<SiloFixture>())
        {
            if (silo.IsRunning)
                UnixSignals.Continue(silo.ProcessId);
        }

        await Task.WhenAll(_silos.OfType<SiloFixture>().Select(s => s.DisposeAsync().AsTask()));
        await Redis.DisposeAsync();
    }

    private IEnumerable<KeyValuePair<string, string>> Settings() => new Dictionary<string, string>(_replication)
    {
        [SiloSettings.Clustering] = "Redis",
        [SiloSettings.ClusteringConnectionString] = Redis.ConnectionString,
        [SiloSettings.GrainStorage] = "Redis",
        [SiloSettings.ClusterId] = ClusterId,
        [SiloSettings.ServiceId] = ClusterId,
        [SiloSettings.AdvertisedIPAddress] = "127.0.0.1",
        [SiloSettings.ListenAddress] = "127.0.0.1",
        [SiloSettings.BrokerName] = BrokerName,
    };
}
