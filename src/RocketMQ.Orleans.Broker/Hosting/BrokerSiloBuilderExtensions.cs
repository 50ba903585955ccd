using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Broker.ControlPlane;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Broker.Filter;
using RocketMQ.Orleans.Broker.NameServer;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Broker.Persistence;
using RocketMQ.Orleans.Broker.Replication;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Hosting;

namespace RocketMQ.Orleans.Broker.Hosting;

/// <summary>
/// Makes a silo a complete RocketMQ node: its message store, the control plane, the broker runtime, and the
/// name-server and broker remoting endpoints, started once the store is open and the silo is active.
/// </summary>
public static class BrokerSiloBuilderExtensions
{
    /// <summary>The configuration section <see cref="AddRocketMQBroker(ISiloBuilder, IConfiguration, Action{RocketMQBrokerBuilder}?)"/> expects.</summary>
    public const string SectionName = "RocketMQ";

    /// <summary>
    /// Adds the broker bound to <paramref name="configuration"/> (the "RocketMQ" section): "Broker" (BrokerOptions and
    /// the broker identity: BrokerName, BrokerClusterName, BrokerId, BrokerIP1), "Remoting" (NameServerPort,
    /// ListenPort, ...), "Store" (DataPath, FlushDiskType, ...), "ControlPlane", "Acl" (Enabled, File), "Pop" (MaxCheckpointsInMemory, ...) and "Replication" (Mode, LeaseMillis, ...). <paramref name="configure"/> runs
    /// after the binding.
    /// </summary>
    public static ISiloBuilder AddRocketMQBroker(this ISiloBuilder builder, IConfiguration configuration, Action<RocketMQBrokerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = builder.Services;
        var brokerSection = configuration.GetSection("Broker");
        services.AddOptions<BrokerOptions>().Bind(brokerSection);
        services.AddOptions<BrokerIdentityOptions>().Bind(brokerSection);
        services.AddOptions<RemotingServerOptions>().Bind(configuration.GetSection("Remoting"));
        services.AddOptions<ControlPlaneOptions>().Bind(configuration.GetSection("ControlPlane"));
        services.AddOptions<AclOptions>().Bind(configuration.GetSection("Acl"));
        services.AddOptions<PopOptions>().Bind(configuration.GetSection("Pop"));
        services.AddRocketMQMessageStore(configuration.GetSection("Store"));
        builder.AddRocketMQReplication(configuration.GetSection(ReplicationOptions.SectionName));
        return builder.AddRocketMQBroker(configure);
    }

    /// <summary>Adds the broker configured in code only (defaults: name server 9876, broker 10911, data under ./data).</summary>
    public static ISiloBuilder AddRocketMQBroker(this ISiloBuilder builder, Action<RocketMQBrokerBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var brokerBuilder = new RocketMQBrokerBuilder(services);
        configure?.Invoke(brokerBuilder);

        if (services.Any(descriptor => descriptor.ServiceType == typeof(BrokerMarker)))
        {
            return builder;
        }

        services.AddSingleton<BrokerMarker>();
        services.AddRocketMQMessageStore();
        services.AddOptions<BrokerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrokerOptions>, FilterOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrokerOptions>, LongPollingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrokerOptions>, SubscriptionGroupOptionsValidator>());
        services.AddOptions<PopOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PopOptions>, PopOptionsValidator>());
        services.AddOptions<RemotingServerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemotingServerOptions>, RemotingServerOptionsValidator>());
        services.AddOptions<AclOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AclOptions>, AclOptionsValidator>());
        services.TryAddSingleton<AclConfigStore>();
        services.TryAddSingleton<ReplicaRestartSignal>();

        // The remoting listen port is the one truth: the identity registered in routes follows it.
        services.AddSingleton<IPostConfigureOptions<BrokerIdentityOptions>, BrokerIdentityFromRemoting>();

        if (brokerBuilder.EmbeddedGrainStorage)
        {
            builder.AddRocketMQFileGrainStorage(
                ControlPlaneStorage.ProviderName,
                options => options.Configure<IOptions<MessageStoreOptions>>(
                    (storage, store) => storage.RootDirectory = Path.Combine(store.Value.DataPath, "grains")));
        }

        builder.AddRocketMQControlPlaneCore();
        builder.AddRocketMQReplication();
        services.TryAddSingleton<KvConfigCache>();
        services.TryAddSingleton<BrokerEndpoints>();

        // Registered after the store's hosted service (and after Orleans' own), so it starts once both are up and
        // stops first: remoting closes before the store does.
        services.AddHostedService<BrokerRemotingHost>();
        Transactions.TransactionServiceCollectionExtensions.AddRocketMQTransactionChecks(services);
        return builder;
    }

    private sealed class BrokerMarker;

    private sealed class BrokerIdentityFromRemoting(IOptions<RemotingServerOptions> remoting) : IPostConfigureOptions<BrokerIdentityOptions>
    {
        public void PostConfigure(string? name, BrokerIdentityOptions options) => options.ListenPort = remoting.Value.ListenPort;
    }
}
