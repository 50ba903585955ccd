using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Broker.ControlPlane;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;
using RocketMQ.Orleans.Broker.ControlPlane.Liveness;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Broker.Persistence;

namespace RocketMQ.Orleans.Broker.Hosting;

/// <summary>Adds the RocketMQ control plane (grains, liveness, caches, broker registration) to a silo.</summary>
public static class ControlPlaneSiloBuilderExtensions
{
    /// <summary>
    /// The embedded default: the control plane with its grain state in files under &lt;dataPath&gt;/grains, which
    /// survives a silo restart with no external service.
    /// </summary>
    public static ISiloBuilder AddRocketMQControlPlane(this ISiloBuilder builder, Action<BrokerIdentityOptions>? configureIdentity, string dataPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        return builder
            .AddRocketMQFileGrainStorage(ControlPlaneStorage.ProviderName, options => options.RootDirectory = Path.Combine(dataPath, "grains"))
            .AddRocketMQControlPlaneCore(configureIdentity);
    }

    /// <summary>
    /// The control plane without a storage provider: the host registers one named
    /// <see cref="ControlPlaneStorage.ProviderName"/>, e.g. Orleans' Redis or ADO.NET grain storage for a scaled-out
    /// cluster, or <see cref="FileGrainStorageSiloBuilderExtensions.AddRocketMQFileGrainStorage(ISiloBuilder, string, Action{FileGrainStorageOptions})"/>.
    /// Calling it again only applies the further configuration.
    /// </summary>
    public static ISiloBuilder AddRocketMQControlPlaneCore(
        this ISiloBuilder builder,
        Action<BrokerIdentityOptions>? configureIdentity = null,
        Action<ControlPlaneOptions>? configureControlPlane = null)
    {
        return builder.ConfigureServices(services =>
        {
            var identity = services.AddOptions<BrokerIdentityOptions>();
            if (configureIdentity is not null)
            {
                identity.Configure(configureIdentity);
            }

            var controlPlane = services.AddOptions<ControlPlaneOptions>();
            if (configureControlPlane is not null)
            {
                controlPlane.Configure(configureControlPlane);
            }

            if (services.Any(descriptor => descriptor.ServiceType == typeof(ControlPlaneMarker)))
            {
                return;
            }

            services.AddSingleton<ControlPlaneMarker>();

            // Orleans caches the directory entries of up to 10^6 grain ids; every topic, group and KV namespace a
            // client names is a grain id, so made-up names filled that cache (most of what scripts/soak-names.sh saw
            // grow). This cap still covers every real topic and group of a cluster; a host may set a lower one.
            services.PostConfigure<GrainDirectoryOptions>(options =>
                options.CacheSize = Math.Min(options.CacheSize, ControlPlaneOptions.MaxGrainDirectoryCacheEntries));
            identity.ValidateOnStart();
            services.AddSingleton<IPostConfigureOptions<BrokerIdentityOptions>, BrokerIdentityDefaults>();
            services.AddSingleton<IValidateOptions<BrokerIdentityOptions>, BrokerIdentityOptionsValidator>();

            services.TryAddSingleton<BrokerLiveness>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<BrokerLiveness>());

            services.TryAddSingleton<ControlPlaneChangeHub>();
            services.TryAddSingleton<IControlPlaneChangePublisher, ControlPlaneChangePublisher>();
            services.AddGrainService<ControlPlaneChangeService>();

            services.TryAddSingleton<TopicConfigCache>();
            services.TryAddSingleton<BrokerGroupCache>();
            services.TryAddSingleton<ClusterDirectoryCache>();
            services.TryAddSingleton<SubscriptionGroupCache>();
            services.TryAddSingleton<TopicRouteCache>();

            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, BrokerRegistration>();
        });
    }

    /// <summary>Marks the services as added, so a second call (e.g. by AddRocketMQBroker) adds nothing twice.</summary>
    private sealed class ControlPlaneMarker;
}
