using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.NameServer;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// The names of consumer groups created through admin calls, kept in a KV namespace because the control plane has
/// no directory of groups; GET_ALL_SUBSCRIPTIONGROUP_CONFIG adds the groups the broker sees online or in its offsets.
/// </summary>
internal sealed class SubscriptionGroupIndex(IGrainFactory grains, KvConfigCache cache)
{
    public const string Namespace = "RMQ_SUBSCRIPTION_GROUPS";

    public async Task AddAsync(string group)
    {
        await grains.GetGrain<IKvConfigGrain>(Namespace).PutAsync(group, "1").ConfigureAwait(false);
        cache.Invalidate(Namespace);
    }

    public async Task RemoveAsync(string group)
    {
        await grains.GetGrain<IKvConfigGrain>(Namespace).DeleteAsync(group).ConfigureAwait(false);
        cache.Invalidate(Namespace);
    }

    public async ValueTask<IEnumerable<string>> GetAllAsync() => (await cache.GetNamespaceAsync(Namespace).ConfigureAwait(false)).Keys;
}
