using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Broker.NameServer;
using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Grpc.Acl;
using RocketMQ.Orleans.Grpc.Routing;
using RocketMQ.Orleans.Grpc.Services;

namespace RocketMQ.Orleans.Grpc.Hosting;

/// <summary>
/// Runs Kestrel with the MessagingService inside the silo: an HTTP/2-only endpoint (h2c, or TLS with ALPN when
/// configured) over the broker runtime the remoting endpoint serves, with the broker's POP service (shared with the remoting POP processors); with the broker's
/// ACL when it is on. Once listening, it publishes its endpoint in its broker group, so every silo's routes send 5.x
/// clients here for this broker's queues.
/// </summary>
public sealed class GrpcEndpointHost(IServiceProvider services, IOptions<GrpcOptions> options, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private const int MaxPublishAttempts = 5;
    private readonly ILogger _logger = loggerFactory.CreateLogger<GrpcEndpointHost>();
    private WebApplication? _app;
    private IDisposable? _checkTarget;
    private IDisposable? _callTarget;
    private GrpcServiceContext? _context;
    private X509Certificate2? _certificate;

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

        var localSilo = services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var routes = new GrpcRoutes(services.GetRequiredService<TopicRouteCache>(), services.GetRequiredService<KvConfigCache>(), localSilo,
            runtime.Identity.BrokerName);
        // The broker's POP service: the remoting POP processors share it, so either transport acks what the other popped.
        var context = new GrpcServiceContext(runtime, runtime.Pop, settings, routes);
        _context = context;
        _checkTarget = runtime.Transactions.AddCheckTarget(new GrpcTransactionCheckTarget(runtime.ProducerManager, _logger));
        _callTarget = ClientCallTargets.For(runtime).Add(new GrpcClientCallTarget(context.Clients, context.Calls, _logger));
        var host = settings.AdvertisedHost is { Length: > 0 } advertised ? advertised : runtime.Identity.BrokerIP;
        _certificate = settings.Tls.Enabled ? GrpcCertificates.Load(settings.Tls, host) : null;
        var acl = services.GetService<AclConfigStore>() is { Enabled: true } store ? store : null;
        var app = BuildApp(settings, context, _certificate, acl);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? string.Empty;
        Port = new Uri(address).Port;
        context.Advertise(host, Port);
        AdvertisedEndpoint = GrpcEndpointAddress.Format(host, Port);
        GrpcLog.Listening(_logger, address, AdvertisedEndpoint);
        await PublishEndpointAsync(runtime.Identity.BrokerName, localSilo, AdvertisedEndpoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kestrel (HTTP/2 only; TLS when a certificate is given) with the MessagingService, and the ACL interceptor when ACL is on.</summary>
    private WebApplication BuildApp(GrpcOptions settings, GrpcServiceContext context, X509Certificate2? certificate, AclConfigStore? acl)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GrpcEndpointHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(settings.ListenAddress), settings.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    // HTTP/2 only over TLS: Kestrel offers "h2" by ALPN, which the 5.x clients ask for.
                    listen.UseHttps(certificate);
                }
            });
        });
        builder.Services.AddSingleton<ILoggerFactory>(new GrpcHostLoggerFactory(loggerFactory));
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton(context);
        // One instance for every call (it keeps no per-call state): no activation per request.
        builder.Services.AddSingleton<MessagingServiceImpl>();
        builder.Services.AddRouting();
        if (acl is not null)
        {
            // The broker port's accounts and rules (plain_acl.yml), read by the same store.
            acl.Start();
            builder.Services.AddSingleton(new PlainAccessValidator(() => acl.Current));
        }

        builder.Services.AddGrpc(grpc =>
        {
            if (acl is not null)
            {
                grpc.Interceptors.Add<GrpcAclInterceptor>();
            }
        });
        var app = builder.Build();
        app.MapGrpcService<MessagingServiceImpl>();
        return app;
    }

    /// <summary>Records this silo's endpoint in its broker group (a few attempts: the control plane may still be settling).</summary>
    private async Task PublishEndpointAsync(string brokerName, SiloAddress silo, string endpoint, CancellationToken cancellationToken)
    {
        var group = services.GetRequiredService<IGrainFactory>().GetGrain<IBrokerGroupGrain>(brokerName);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await group.SetGrpcEndpointAsync(silo, endpoint).WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                GrpcLog.PublishFailed(_logger, exception, endpoint, attempt);
                if (attempt == MaxPublishAttempts)
                {
                    // Clients connected here still reach this broker (its own routes fall back to this endpoint).
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Port = 0;
        AdvertisedEndpoint = null;
        Interlocked.Exchange(ref _checkTarget, null)?.Dispose();
        Interlocked.Exchange(ref _callTarget, null)?.Dispose();
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _context, null)?.Dispose();
        Interlocked.Exchange(ref _certificate, null)?.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
