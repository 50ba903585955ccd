using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using RocketMQ.Orleans.Streaming.Monitoring;
using RocketMQ.Orleans.Streaming.Providers;

namespace RocketMQ.Orleans.Streaming.Hosting;

/// <summary>
/// Client side of a RocketMQ stream provider: a client has no store, so it produces over remoting through the
/// name server (<see cref="RocketMQStreamOptions.NameServerAddress"/>) to the queue each stream maps to.
/// </summary>
public sealed class ClusterClientRocketMQStreamConfigurator : ClusterClientPersistentStreamConfigurator
{
    public ClusterClientRocketMQStreamConfigurator(string name, IClientBuilder builder)
        : base(name, builder, RocketMQAdapterFactory.Create)
    {
        builder.ConfigureServices(services =>
        {
            services.TryAddSingleton<LocalBroker>();
            services.TryAddSingleton<StreamCacheMonitor>();
            services.ConfigureNamedOptionForLogging<RocketMQStreamOptions>(name);
            services.AddTransient<IConfigurationValidator>(sp => new RocketMQStreamOptionsValidator(
                sp.GetRequiredService<IOptionsMonitor<RocketMQStreamOptions>>().Get(name), name, isClient: true));
        });
    }

    public ClusterClientRocketMQStreamConfigurator ConfigureRocketMQ(Action<OptionsBuilder<RocketMQStreamOptions>> configureOptions)
    {
        this.Configure(configureOptions);
        return this;
    }
}
