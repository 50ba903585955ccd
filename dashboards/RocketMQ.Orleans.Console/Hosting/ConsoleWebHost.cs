using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Console.Backend;

namespace RocketMQ.Orleans.Console.Hosting;

/// <summary>
/// Runs the console's Kestrel server inside the silo process as a hosted service. The web app has its own small
/// container (its endpoints, the admin clients) and reaches the silo's services through <see cref="SiloServices"/>,
/// so the silo stays a plain generic host and the console can be switched off without touching it.
/// </summary>
public sealed class ConsoleWebHost(IOptions<ConsoleOptions> options, SiloServices silo, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ConsoleWebHost>();
    private WebApplication? _app;

    /// <summary>The addresses Kestrel listens on once started ("http://0.0.0.0:8080"); empty while stopped or disabled.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>A loopback URL for this console (for banners and tests), or null while it is not running.</summary>
    public Uri? LocalUri => Addresses.Count == 0 ? null : ConsoleApp.LoopbackUri(Addresses[0]);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            ConsoleLog.Disabled(_logger);
            return;
        }

        var app = ConsoleApp.Build(settings, silo, loggerFactory);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            // A taken port (another silo on this machine, another service on 8080) costs the console, not the broker:
            // the silo keeps serving RocketMQ clients and says loudly why there is no console.
            ConsoleLog.BindFailed(_logger, settings.ListenAddress, settings.Port, exception);
            await app.DisposeAsync().ConfigureAwait(false);
            return;
        }

        _app = app;
        Addresses = [.. app.Urls];
        ConsoleLog.Listening(_logger, string.Join(", ", Addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            Addresses = [];
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
