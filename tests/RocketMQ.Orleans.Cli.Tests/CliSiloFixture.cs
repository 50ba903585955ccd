using Orleans.TestingHost;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Cli.Tests;

/// <summary>One in-process silo running the whole broker (name server and broker on free loopback ports, store in a temp directory).</summary>
public sealed class CliSiloFixture : IAsyncLifetime
{
    private InProcessSilo _silo = null!;

    public InProcessTestCluster Cluster => _silo.Cluster;

    /// <summary>What <c>-n</c> gets.</summary>
    public string NameServer => _silo.NameServerAddress;

    public async Task InitializeAsync() =>
        _silo = await InProcessSilo.StartAsync(new InProcessSiloOptions { DataDirectoryPrefix = "rmq-cli-tests-", BrokerName = "broker-cli" });

    public async Task DisposeAsync() => await _silo.DisposeAsync();
}
