using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace RocketMQ.Orleans.Broker.Replication;

/// <summary>Adds the control plane of replicated broker groups: options, leadership grain prerequisites, membership tuning.</summary>
public static class ReplicationSiloBuilderExtensions
{
    /// <summary>
    /// Binds <see cref="ReplicationOptions"/> to <paramref name="section"/> ("RocketMQ:Replication") when given, then
    /// applies <paramref name="configure"/>; validates them on start, and when <see cref="ReplicationOptions.Mode"/> is not
    /// <see cref="ReplicationMode.None"/> tightens Orleans failure detection to a few seconds. Calling it again only adds
    /// the further binding and configuration.
    /// </summary>
    public static ISiloBuilder AddRocketMQReplication(this ISiloBuilder builder, IConfiguration? section = null, Action<ReplicationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var replication = services.AddOptions<ReplicationOptions>();
        if (section is not null)
        {
            replication.Bind(section);
        }

        if (configure is not null)
        {
            replication.Configure(configure);
        }

        if (services.Any(descriptor => descriptor.ServiceType == typeof(ReplicationMarker)))
        {
            return builder;
        }

        services.AddSingleton<ReplicationMarker>();
        replication.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReplicationOptions>, ReplicationOptionsValidator>());

        // The leadership grain's clock; the message store registers the same one, tests replace it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IConfigureOptions<ClusterMembershipOptions>, ReplicationMembershipTuning>();
        return builder;
    }

    /// <summary>Marks the services as added, so a second call adds nothing twice.</summary>
    private sealed class ReplicationMarker;
}
