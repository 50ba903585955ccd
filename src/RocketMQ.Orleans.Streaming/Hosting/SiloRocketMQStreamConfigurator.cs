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
/// Silo side of a RocketMQ stream provider: Orleans' persistent stream provider with this package's factory, each
/// silo pulling the queues of its own broker group (<see cref="LocalBrokerQueueBalancer"/>).
/// </summary>
public sealed class SiloRocketMQStreamConfigurator : SiloPersistentStreamConfigurator
{
    public SiloRocketMQStreamConfigurator(string name, Action<Action<IServiceCollection>> configureServicesDelegate)
        : base(name, configureServicesDelegate, RocketMQAdapterFactory.Create)
    {
        ConfigureDelegate(services =>
        {
            services.TryAddSingleton<LocalBroker>();
            services.TryAddSingleton<StreamCacheMonitor>();
            services.ConfigureNamedOptionForLogging<RocketMQStreamOptions>(name);
            services.AddTransient<IConfigurationValidator>(sp => new RocketMQStreamOptionsValidator(
                sp.GetRequiredService<IOptionsMonitor<RocketMQStreamOptions>>().Get(name), name, isClient: false));
        });
        this.ConfigurePartitionBalancing((services, _) => new LocalBrokerQueueBalancer(services.GetRequiredService<LocalBroker>()));
        this.ConfigurePullingAgent(options => options.Configure(agent => agent.GetQueueMsgsTimerPeriod = DefaultPollPeriod));
    }

    /// <summary>
    /// How often an idle pulling agent asks its receiver for events; Orleans' default is 100 ms. A poll here reads the
    /// queue's in-memory tail (no I/O unless the tail missed something), so polling 5× as often takes up to 80 ms off
    /// the latency of an event that arrives while the agent waits, for about 0.25 % of a core per idle queue (measured,
    /// docs/benchmarks.md). A later ConfigurePullingAgent wins.
    /// </summary>
    public static readonly TimeSpan DefaultPollPeriod = TimeSpan.FromMilliseconds(20);

    public SiloRocketMQStreamConfigurator ConfigureRocketMQ(Action<OptionsBuilder<RocketMQStreamOptions>> configureOptions)
    {
        this.Configure(configureOptions);
        return this;
    }
}
