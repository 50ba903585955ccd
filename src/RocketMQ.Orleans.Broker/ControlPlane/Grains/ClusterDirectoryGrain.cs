using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;

namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

internal sealed class ClusterDirectoryGrain(
    [PersistentState("clusterDirectory", ControlPlaneStorage.ProviderName)] IPersistentState<ClusterDirectoryState> state,
    IControlPlaneChangePublisher changes) : Grain, IClusterDirectoryGrain
{
    private ClusterDirectorySnapshot? _snapshot;

    public Task AddBrokerAsync(string brokerName) => ChangeAsync(state.State.BrokerNames.Add(ValidName(brokerName)));

    public Task RemoveBrokerAsync(string brokerName) => ChangeAsync(state.State.BrokerNames.Remove(brokerName));

    public Task AddTopicAsync(string topic) => ChangeAsync(state.State.TopicNames.Add(ValidName(topic)));

    public Task RemoveTopicAsync(string topic) => ChangeAsync(state.State.TopicNames.Remove(topic));

    public Task<ClusterDirectorySnapshot> GetAsync()
    {
        // A cluster nobody registered (any name a client asks about) holds no activation once answered.
        if (state.State.BrokerNames.Count == 0 && state.State.TopicNames.Count == 0)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(_snapshot ??= new ClusterDirectorySnapshot(
            this.GetPrimaryKeyString(),
            state.State.BrokerNames.ToImmutableSortedSet(StringComparer.Ordinal),
            state.State.TopicNames.ToImmutableSortedSet(StringComparer.Ordinal),
            state.State.Version));
    }

    private async Task ChangeAsync(bool changed)
    {
        if (!changed)
        {
            return;
        }

        _snapshot = null;
        state.State.Version++;
        await state.PersistOrReloadAsync();
        await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.ClusterDirectory, this.GetPrimaryKeyString()));
    }

    private static string ValidName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }
}
