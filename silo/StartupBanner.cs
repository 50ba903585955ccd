using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Silo;

/// <summary>Logs where the silo listens once everything has started, so an operator sees it in one line.</summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IOptions<SiloHostOptions> options,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var o = options.Value;
            LogReady(o.ClusterId, o.SiloPort, o.GatewayPort);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "RocketMQ.Orleans silo ready: cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}. Press Ctrl-C to stop.")]
    private partial void LogReady(string clusterId, int siloPort, int gatewayPort);
}
