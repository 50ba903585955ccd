using System.Net;
using System.Net.Sockets;
using Orleans.TestingHost;
using RocketMQ.Orleans.Broker.Hosting;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd;

/// <summary>One in-process silo running the whole broker (name server and broker on free loopback ports, store in a temp directory).</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rmq-client-e2e-" + Guid.NewGuid().ToString("N"));
    private int _nameServerPort;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public RocketMQClientOptions ClientOptions() => new()
    {
        NameServerAddress = $"127.0.0.1:{_nameServerPort}",
        ClientIp = "127.0.0.1",
        InstanceName = "e2e-" + Guid.NewGuid().ToString("N")[..8],
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public async Task InitializeAsync()
    {
        _nameServerPort = FreeTcpPort();
        int listenPort = FreeTcpPort();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((siloOptions, silo) =>
            silo.AddRocketMQBroker(broker => broker
                .ConfigureIdentity(identity =>
                {
                    identity.BrokerName = "broker-" + siloOptions.SiloName;
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
                .ConfigureStore(store =>
                {
                    store.DataPath = _dataPath;
                    store.CommitLogPageSizeBits = 17;
                    store.CommitLogMemorySizeBits = 19;
                    store.CommitLogSegmentSizeBits = 20;
                    store.MaxMessageSize = 64 * 1024;
                    store.MapedFileSizeConsumeQueue = 1000 * 20;
                    store.MaxHashSlotNum = 1000;
                    store.MaxIndexNum = 4000;
                    store.FlushIntervalCommitLog = 50;
                })));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
