using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Consumer-group configurations; <see cref="GetAsync"/> answers from memory once a group is known.</summary>
public interface ISubscriptionGroupProvider
{
    /// <summary>The group's configuration, or null when none was created.</summary>
    ValueTask<SubscriptionGroupConfig?> GetAsync(string group);

    /// <summary>Creates the configuration of a system group (rare; never counted or capped); returns what is in force afterwards.</summary>
    Task<SubscriptionGroupConfig> CreateAsync(SubscriptionGroupConfig config);

    /// <summary>
    /// Creates the configuration of a group a client named, unless <paramref name="maxAutoCreated"/> groups were
    /// auto-created already; returns what is in force afterwards, or null when refused by the cap.
    /// </summary>
    Task<SubscriptionGroupConfig?> AutoCreateAsync(SubscriptionGroupConfig config, int maxAutoCreated);
}
