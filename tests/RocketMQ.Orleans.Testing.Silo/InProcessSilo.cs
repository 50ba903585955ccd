using Orleans.TestingHost;

namespace RocketMQ.Orleans.Testing.Silo;

/// <summary>
/// One in-process silo running the whole broker (name server and broker on free loopback ports, store in a temp
/// directory deleted on dispose).
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly TempDirectory _data;

    static InProcessSilo()
    {
        // xUnit starts the silos of several test classes at once in one process. On a 2-core CI machine the thread
        // pool begins with 2 workers and adds about one every half second while starved, so a socket completion could
        // wait in its queue longer than the client's 3 s connect timeout (a connect to a listening loopback port
        // "timed out"). Test processes get headroom up front; the silo's own code is unchanged.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completionPorts, 32));
    }

    private InProcessSilo(InProcessTestCluster cluster, BrokerPorts ports, TempDirectory data)
    {
        Cluster = cluster;
        Ports = ports;
        _data = data;
    }

    public InProcessTestCluster Cluster { get; }

    public BrokerPorts Ports { get; }

    /// <summary>"127.0.0.1:port" of the silo's name server.</summary>
    public string NameServerAddress => Ports.NameServerAddress;

    public static async Task<InProcessSilo> StartAsync(InProcessSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ports = BrokerPorts.Free();
        var data = new TempDirectory(options.DataDirectoryPrefix);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.AddLoopbackRocketMQBroker(options.BrokerName ?? "broker-" + siloOptions.SiloName, ports, data.Path, options.ConfigureBroker);
            options.ConfigureSilo?.Invoke(silo);
        });
        var silo = new InProcessSilo(builder.Build(), ports, data);
        try
        {
            await silo.Cluster.DeployAsync();
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Dispose();
    }
}
