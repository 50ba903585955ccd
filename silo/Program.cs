using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Broker.Replication;
using RocketMQ.Orleans.Console.Hosting;
using RocketMQ.Orleans.Grpc.Hosting;
using RocketMQ.Orleans.Silo;
using RocketMQ.Orleans.Streaming.Hosting;

// Settings come from appsettings.json, then environment variables (RocketMQ__Store__DataPath=...),
// then command-line flags (--RocketMQ:Remoting:ListenPort=10911), later sources winning.
// appsettings.json ships beside the binary; relative paths in settings (./data) resolve against the
// working directory, so `dotnet run --project silo` from the repository root keeps data under ./data.
// A replica whose log holds a tail its group's new leader never had asks for a restart (ReplicaRestartSignal):
// the host stops, the store cuts the log back as it opens again, and the silo rejoins as a follower.
while (true)
{
    var host = BuildHost(args);
    string? reason;
    try
    {
        try
        {
            await host.StartAsync();
            await host.WaitForShutdownAsync();
        }
        catch (OperationCanceledException) when (host.Services.GetService<ReplicaRestartSignal>()?.Requested is not null)
        {
            // The restart was asked for while the host was still starting: its start was cancelled, which is the point.
        }
        reason = host.Services.GetService<ReplicaRestartSignal>()?.Requested;
    }
    finally
    {
        await ((IAsyncDisposable)host).DisposeAsync();
    }
    if (reason is null)
        break;
    Console.Error.WriteLine($"Restarting the silo in-process: {reason}");
}

static IHost BuildHost(string[] args)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory,
    });

    var siloSection = builder.Configuration.GetSection(SiloHostOptions.SectionName);
    builder.Services.AddOptions<SiloHostOptions>().Bind(siloSection).ValidateDataAnnotations().ValidateOnStart();
    var siloOptions = siloSection.Get<SiloHostOptions>() ?? new SiloHostOptions();

    builder.UseOrleans(silo =>
    {
        silo.ConfigureRocketMQSilo(siloOptions);
        var externalStorage = silo.AddExternalGrainStorage(siloOptions);

        // Store, control plane, broker runtime and the name-server / broker endpoints ("RocketMQ" section).
        silo.AddRocketMQBroker(builder.Configuration.GetSection(BrokerSiloBuilderExtensions.SectionName), broker =>
        {
            if (externalStorage)
            {
                broker.UseExternalGrainStorage();
            }
        });

        // Orleans streams over the broker's queues, when RocketMQ:Streams:Enabled is true (docs/streams.md).
        silo.AddRocketMQStreams(builder.Configuration.GetSection("RocketMQ:Streams"));

        // RocketMQ 5 clients: the gRPC MessagingService on RocketMQ:Grpc:Port (8081), POP consumption (docs/grpc.md).
        silo.AddRocketMQGrpc(builder.Configuration);

        // Web console and /metrics on RocketMQ:Console:Port (8080), Kestrel inside this process.
        silo.AddRocketMQConsole(builder.Configuration);
    });
    builder.Services.AddHostedService<StartupBanner>();

    return builder.Build();
}
