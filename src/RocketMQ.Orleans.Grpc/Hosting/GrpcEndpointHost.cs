using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Grpc.Services;

namespace RocketMQ.Orleans.Grpc.Hosting;

/// <summary>
/// Runs Kestrel with the MessagingService inside the silo: an HTTP/2-only plaintext endpoint (the 5.x clients speak
/// h2c when TLS is off) over the broker runtime the remoting endpoint serves, with the broker's POP service.
/// </summary>
public sealed class GrpcEndpointHost(IServiceProvider services, IOptions<GrpcOptions> options, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<GrpcEndpointHost>();
    private WebApplication? _app;
    private IDisposable? _checkTarget;

    /// <summary>The port Kestrel listens on once started (the actual one when 0 was asked); 0 while stopped.</summary>
    public int Port { get; private set; }

    /// <summary>"host:port" clients are given in routes; null while stopped.</summary>
    public string? AdvertisedEndpoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            GrpcLog.Disabled(_logger);
            return;
        }

        var runtime = RunningBroker.Find(services);
        if (runtime is null)
        {
            GrpcLog.NoBroker(_logger);
            return;
        }

        // The broker's POP service: the remoting POP processors share it, so either transport acks what the other popped.
        var context = new GrpcServiceContext(runtime, runtime.Pop, settings);
        _checkTarget = runtime.Transactions.AddCheckTarget(new GrpcTransactionCheckTarget(context.Producers, _logger));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GrpcEndpointHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Parse(settings.ListenAddress), settings.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton(context);
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<MessagingServiceImpl>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? string.Empty;
        Port = new Uri(address).Port;
        var host = settings.AdvertisedHost is { Length: > 0 } advertised ? advertised : runtime.Identity.BrokerIP;
        context.Advertise(host, Port);
        AdvertisedEndpoint = $"{host}:{Port}";
        GrpcLog.Listening(_logger, address, AdvertisedEndpoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Port = 0;
        AdvertisedEndpoint = null;
        Interlocked.Exchange(ref _checkTarget, null)?.Dispose();
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
