using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Abstractions.Grains;

/// <summary>
/// One consumer group (key = group name): its durable subscription-group configuration and a volatile,
/// cluster-wide view of the clients connected to the silos' brokers.
/// </summary>
[Alias("rmq.IConsumerGroupGrain")]
public interface IConsumerGroupGrain : IGrainWithStringKey
{
    [Alias("GetConfig"), ReadOnly]
    Task<SubscriptionGroupConfig?> GetConfigAsync();

    [Alias("CreateOrUpdateConfig")]
    Task<SubscriptionGroupConfig> CreateOrUpdateConfigAsync(SubscriptionGroupConfig config);

    /// <summary>
    /// Creates <paramref name="config"/> for a group a client named (auto-creation) if fewer than
    /// <paramref name="maxAutoCreated"/> groups were auto-created cluster-wide; returns the configuration in force, or
    /// null when the group has none and the cap is reached.
    /// </summary>
    [Alias("AutoCreateConfig")]
    Task<SubscriptionGroupConfig?> AutoCreateConfigAsync(SubscriptionGroupConfig config, int maxAutoCreated);

    /// <summary>Deletes the configuration; false if there was none.</summary>
    [Alias("DeleteConfig")]
    Task<bool> DeleteConfigAsync();

    /// <summary>
    /// Replaces everything <paramref name="silo"/> reported before with <paramref name="clients"/> (an empty array
    /// withdraws the silo). A silo reports when its set of connections changes and periodically, since this view is
    /// not persisted.
    /// </summary>
    [Alias("ReportConnections")]
    Task ReportConnectionsAsync(SiloAddress silo, ImmutableArray<ConsumerClientInfo> clients);

    /// <summary>The clients connected through silos that Orleans considers active.</summary>
    [Alias("GetConnections"), ReadOnly]
    Task<ImmutableArray<ConsumerConnection>> GetConnectionsAsync();
}
