using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Consumer-group configurations; <see cref="GetAsync"/> answers from memory once a group is known.</summary>
public interface ISubscriptionGroupProvider
{
    /// <summary>The group's configuration, or null when none was created.</summary>
    ValueTask<SubscriptionGroupConfig?> GetAsync(string group);

    /// <summary>Creates the configuration (rare: auto-creation); returns what is in force afterwards.</summary>
    Task<SubscriptionGroupConfig> CreateAsync(SubscriptionGroupConfig config);
}
