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
        _nameServerPort = FreePorts.Next();
        int listenPort = FreePorts.Next();
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
                .ConfigureStore(store => SmallStore.Apply(store, _dataPath))));
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
}
