using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Console.Hosting;

namespace RocketMQ.Orleans.Silo;

/// <summary>Logs where the silo listens once everything has started, so an operator sees it in one line.</summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IOptions<SiloHostOptions> options,
    BrokerEndpoints endpoints,
    ConsoleWebHost console,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var o = options.Value;
            LogReady(
                o.ClusterId,
                o.SiloPort,
                o.GatewayPort,
                endpoints.NameServer?.ToString() ?? "(not started)",
                string.Join(", ", endpoints.Broker),
                endpoints.BrokerAddress ?? "(not started)",
                console.LocalUri?.ToString() ?? "off");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "RocketMQ.Orleans silo ready: cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}, name server {NameServer}, broker {Broker} (advertised {BrokerAddress}), web console {Console}. Press Ctrl-C to stop.")]
    private partial void LogReady(string clusterId, int siloPort, int gatewayPort, string nameServer, string broker, string brokerAddress, string console);
}
