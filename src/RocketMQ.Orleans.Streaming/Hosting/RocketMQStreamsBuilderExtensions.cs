using Orleans.Hosting;

namespace RocketMQ.Orleans.Streaming.Hosting;

/// <summary>Adds RocketMQ stream providers to silos and clients.</summary>
public static class RocketMQStreamsBuilderExtensions
{
    /// <summary>
    /// Adds a stream provider named <paramref name="name"/> whose streams are RocketMQ messages on the silo's broker
    /// (AddRocketMQBroker): namespace = topic, key = the "__STREAM_KEY" property.
    /// </summary>
    public static ISiloBuilder AddRocketMQStreams(this ISiloBuilder builder, string name, Action<RocketMQStreamOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return builder.AddRocketMQStreams(name, c => c.ConfigureRocketMQ(ob => ob.Configure(configureOptions)));
    }

    /// <summary>As above, with the full configurator (pulling agent, pub-sub, lifecycle).</summary>
    public static ISiloBuilder AddRocketMQStreams(this ISiloBuilder builder, string name, Action<SiloRocketMQStreamConfigurator>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configurator = new SiloRocketMQStreamConfigurator(name, configureServices => builder.ConfigureServices(configureServices));
        configure?.Invoke(configurator);
        return builder;
    }

    /// <summary>Adds the provider to a cluster client; set BrokerGroups and NameServerAddress (it produces over remoting).</summary>
    public static IClientBuilder AddRocketMQStreams(this IClientBuilder builder, string name, Action<RocketMQStreamOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return builder.AddRocketMQStreams(name, c => c.ConfigureRocketMQ(ob => ob.Configure(configureOptions)));
    }

    public static IClientBuilder AddRocketMQStreams(this IClientBuilder builder, string name, Action<ClusterClientRocketMQStreamConfigurator>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configurator = new ClusterClientRocketMQStreamConfigurator(name, builder);
        configure?.Invoke(configurator);
        return builder;
    }
}
