using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Console.Hosting;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Console.Tests.Infrastructure;

/// <summary>
/// One silo hosted in this test process as the silo executable hosts it: localhost clustering, the whole broker
/// (store in a temp directory, name server and broker on free ports) and the web console on a free port. Tests
/// share it and use distinct topic and group names.
/// </summary>
public class ConsoleSiloFixture : IAsyncLifetime
{
    public const string LoopbackIP = Loopback.IP;

    private readonly TempDirectory _data = new("rmq-console-");
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    /// <summary>"127.0.0.1:port" of the silo's name server.</summary>
    public string NameServerAddress { get; private set; } = string.Empty;

    /// <summary>The console's root URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri ConsoleUri { get; private set; } = null!;

    public RocketMQClientOptions ClientOptions => new() { NameServerAddress = NameServerAddress, ClientIp = LoopbackIP };

    /// <summary>The broker group's name, shown on the cluster page.</summary>
    protected virtual string BrokerName => "console-broker";

    /// <summary>More broker configuration, given the data directory (created before this runs).</summary>
    protected virtual void ConfigureBroker(RocketMQBrokerBuilder broker, string dataPath)
    {
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data.Path);
        var ports = FreePorts.Take(5);
        var brokerPorts = new BrokerPorts(ports[2], ports[3]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(ports[0], ports[1], serviceId: "console-tests", clusterId: "console-tests");
            silo.AddLoopbackRocketMQBroker(BrokerName, brokerPorts, _data.Path, broker => ConfigureBroker(broker, _data.Path));
            silo.AddRocketMQConsole(console =>
            {
                console.Port = ports[4];
                console.ListenAddress = LoopbackIP;
            });
        });

        _host = builder.Build();
        await _host.StartAsync();
        NameServerAddress = brokerPorts.NameServerAddress;
        ConsoleUri = _host.Services.GetRequiredService<ConsoleWebHost>().LocalUri
            ?? throw new InvalidOperationException("The web console did not start.");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _data.Dispose();
    }
}
