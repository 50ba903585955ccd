using Orleans.TestingHost;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd;

/// <summary>One in-process silo running the whole broker (name server and broker on free loopback ports, store in a temp directory).</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private InProcessSilo _silo = null!;

    public InProcessTestCluster Cluster => _silo.Cluster;

    public RocketMQClientOptions ClientOptions() => new()
    {
        NameServerAddress = _silo.NameServerAddress,
        ClientIp = Loopback.IP,
        InstanceName = "e2e-" + Guid.NewGuid().ToString("N")[..8],
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public async Task InitializeAsync() =>
        _silo = await InProcessSilo.StartAsync(new InProcessSiloOptions { DataDirectoryPrefix = "rmq-client-e2e-" });

    public async Task DisposeAsync() => await _silo.DisposeAsync();
}
