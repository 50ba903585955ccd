using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RocketMQ.Orleans.Broker.Hosting;     // AddRocketMQBroker
using RocketMQ.Orleans.Streaming.Hosting;  // AddRocketMQStreams, AddRocketMQFilePubSubStore
using StreamsHost;

// One silo that is also a RocketMQ name server and broker (settings: appsettings.json, then command-line
// flags such as --RocketMQ:Remoting:ListenPort=10911). It places one order, waits until the implicit
// subscriber has received the event through the broker's queue, prints the result and exits.
var builder = Host.CreateApplicationBuilder(args);
var siloPort = builder.Configuration.GetValue("Silo:SiloPort", 11111);
var gatewayPort = builder.Configuration.GetValue("Silo:GatewayPort", 30000);

builder.UseOrleans(silo => silo
    .UseLocalhostClustering(siloPort, gatewayPort)
    .AddRocketMQBroker(builder.Configuration.GetSection("RocketMQ"))   // store, name server, broker
    .AddRocketMQFilePubSubStore()                                      // explicit subscriptions (unused here; implicit ones need none)
    .AddRocketMQStreams("rocketmq", options =>
    {
        options.Topics = ["orders"];                                   // stream namespaces = topics
        options.QueuesPerTopic = 4;
    }));

using var host = builder.Build();
await host.StartAsync();

var grains = host.Services.GetRequiredService<IGrainFactory>();
await grains.GetGrain<IOrderGrain>("order-42").PlaceAsync(12.5m);

var projection = grains.GetGrain<IOrderProjectionGrain>("order-42");
var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
var (total, position) = await projection.GetTotalAsync();
while (total != 12.5m && DateTime.UtcNow < deadline)
{
    await Task.Delay(100);
    (total, position) = await projection.GetTotalAsync();
}

var received = total == 12.5m;
Console.WriteLine(received
    ? $"ROUNDTRIP OK order-42 total={total} at {position}"
    : $"ROUNDTRIP FAILED order-42 total={total}");
await host.StopAsync();
return received ? 0 : 1;
