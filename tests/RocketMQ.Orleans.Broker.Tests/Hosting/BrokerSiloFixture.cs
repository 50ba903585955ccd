using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Broker.Tests.Hosting;

/// <summary>
/// One in-process silo with the whole broker (store in a temp directory, file grain storage, name server and broker
/// on free TCP ports), shared by the name-server, admin and hosting tests; tests use distinct topic and group names.
/// </summary>
public sealed class BrokerSiloFixture : IAsyncLifetime
{
    public const string BrokerIP = Loopback.IP;

    private InProcessSilo _silo = null!;

    public InProcessTestCluster Cluster => _silo.Cluster;

    public InProcessSiloHandle Silo => Cluster.Silos[0];

    public IServiceProvider Services => Silo.SiloHost.Services;

    internal BrokerRemotingHost Host => Services.GetServices<IHostedService>().OfType<BrokerRemotingHost>().Single();

    public BrokerEndpoints Endpoints => Services.GetRequiredService<BrokerEndpoints>();

    public string BrokerName => "broker-" + Silo.Name;

    /// <summary>"ip:port" of the broker as routes list it.</summary>
    public string BrokerAddress => Endpoints.BrokerAddress!;

    /// <summary>"ip:port" of the name server.</summary>
    public string NameServerAddress => $"{BrokerIP}:{Endpoints.NameServer!.Port}";

    public async Task InitializeAsync() => _silo = await InProcessSilo.StartAsync(new InProcessSiloOptions
    {
        DataDirectoryPrefix = "rmq-broker-silo-",
        ConfigureBroker = broker => broker.ConfigureBroker(options =>
        {
            options.SendThreads = 2;
            options.PullThreads = 2;
        }),
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    /// <summary>Sends a request to the name-server role through its dispatcher (no socket) and awaits the answer.</summary>
    internal Task<RemotingCommand> NameServerAsync(RemotingCommand request) => InvokeAsync(Host.NameServerDispatcher!, request);

    /// <summary>Sends a request to the broker role through its dispatcher (no socket) and awaits the answer.</summary>
    internal Task<RemotingCommand> BrokerAsync(RemotingCommand request, TestConnection? connection = null) =>
        InvokeAsync(Host.BrokerDispatcher!, request, connection);

    private static Task<RemotingCommand> InvokeAsync(RequestDispatcher dispatcher, RemotingCommand request, TestConnection? connection = null)
    {
        connection ??= new TestConnection();
        var response = connection.Expect(request.Opaque);
        dispatcher.Dispatch(connection, request);
        return response.WaitAsync(TimeSpan.FromSeconds(30));
    }

}

[CollectionDefinition(Name)]
public sealed class BrokerSiloCollection : ICollectionFixture<BrokerSiloFixture>
{
    public const string Name = "broker silo";
}
