using Orleans.TestingHost;
using RocketMQ.Orleans.Broker.Hosting;

namespace RocketMQ.Orleans.Cli.Tests;

/// <summary>One in-process silo running the whole broker (name server and broker on free loopback ports, store in a temp directory).</summary>
public sealed class CliSiloFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rmq-cli-tests-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>What <c>-n</c> gets.</summary>
    public string NameServer { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        int nameServerPort = FreePorts.Next();
        int listenPort = FreePorts.Next();
        NameServer = $"127.0.0.1:{nameServerPort}";
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((siloOptions, silo) =>
            silo.AddRocketMQBroker(broker => broker
                .ConfigureIdentity(identity =>
                {
                    identity.BrokerName = "broker-cli";
                    identity.BrokerIP1 = "127.0.0.1";
                })
                .ConfigureRemoting(remoting =>
                {
                    remoting.NameServerPort = nameServerPort;
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
