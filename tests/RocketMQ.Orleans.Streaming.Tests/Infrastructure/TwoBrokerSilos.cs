using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Broker.Persistence;
using RocketMQ.Orleans.Streaming.Hosting;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Streaming.Tests;

/// <summary>
/// Two in-process silos, each a RocketMQ broker group ("broker-Silo_0", "broker-Silo_1") with its store under one
/// data directory per silo name (so a restarted silo finds its log again) and control-plane grain state in one
/// directory both share (control-plane grains may activate on either silo). Each test cluster adds its stream provider.
/// </summary>
public sealed class TwoBrokerSilos : IDisposable
{
    public static readonly string[] BrokerGroups = ["broker-Silo_0", "broker-Silo_1"];

    private readonly TempDirectory _root;
    private readonly Dictionary<string, BrokerPorts> _ports = new();

    public TwoBrokerSilos(string dataDirectoryPrefix)
    {
        _root = new TempDirectory(dataDirectoryPrefix);
        var ports = BrokerPorts.Free(2);
        _ports["Silo_0"] = ports[0];
        _ports["Silo_1"] = ports[1];
    }

    public IEnumerable<string> SiloNames => _ports.Keys;

    public string NameServerAddress(string siloName) => _ports[siloName].NameServerAddress;

    /// <summary>A builder for the two silos with their brokers; <paramref name="configureSilo"/> adds the rest.</summary>
    public InProcessTestClusterBuilder CreateBuilder(Action<ISiloBuilder> configureSilo, Action<IClientBuilder> configureClient)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.AddRocketMQFileGrainStorage(ControlPlaneStorage.ProviderName, options => options.RootDirectory = Path.Combine(_root.Path, "grains"));
            silo.AddLoopbackRocketMQBroker(
                "broker-" + siloOptions.SiloName,
                _ports[siloOptions.SiloName],
                Path.Combine(_root.Path, siloOptions.SiloName),
                broker => broker.UseExternalGrainStorage());
            // Explicit subscriptions as the silo host keeps them: in files, here one directory both silos share.
            silo.AddRocketMQFilePubSubStore(Path.Combine(_root.Path, "pubsub"));
            silo.Services.AddSingleton<ILoggerProvider, RecordingLoggerProvider>();
            configureSilo(silo);
        });
        builder.ConfigureClient(configureClient);
        return builder;
    }

    public void Dispose() => _root.Dispose();
}
