using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;
using RocketMQ.Orleans.Broker.ControlPlane.Liveness;

namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

internal sealed class TopicGrain(
    [PersistentState("topic", ControlPlaneStorage.ProviderName)] IPersistentState<TopicState> state,
    BrokerLiveness liveness,
    IControlPlaneChangePublisher changes) : Grain, ITopicGrain
{
    private TopicInfo? _info;

    private string Topic => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The directory entry is written after the topic; re-adding it here repairs a crash between the two.
        if (state.State.Config is not null)
        {
            await Directory(state.State.ClusterName).AddTopicAsync(Topic);
        }
    }

    public Task<TopicInfo?> GetAsync()
    {
        // Asked about a topic that does not exist (any name a client makes up): answer and go, rather than hold an
        // activation per made-up name until idle collection.
        if (state.State.Config is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(ToInfo());
    }

    public async Task<TopicInfo> CreateOrUpdateAsync(TopicConfig config, string clusterName)
    {
        var brokerNames = await GetLiveBrokerNamesAsync(clusterName);
        if (brokerNames.IsEmpty)
        {
            throw new InvalidOperationException($"Cluster '{clusterName}' has no live broker group to hold topic '{Topic}'.");
        }

        return await CreateOrUpdateOnBrokersAsync(config, clusterName, brokerNames);
    }

    public async Task<TopicInfo> CreateOrUpdateOnBrokersAsync(TopicConfig config, string clusterName, ImmutableArray<string> brokerNames)
    {
        Validate(config, clusterName);
        if (brokerNames.IsDefaultOrEmpty)
        {
            throw new ArgumentException("At least one broker name is required.", nameof(brokerNames));
        }

        var current = state.State;
        current.Config = config;
        current.ClusterName = clusterName;
        foreach (var brokerName in brokerNames)
        {
            current.QueuesByBroker[brokerName] = config.ToQueueData(brokerName);
        }

        return await CommitAsync();
    }

    public async Task<TopicInfo> EnsureBrokerQueuesAsync(TopicConfig config, string clusterName, string brokerName)
    {
        Validate(config, clusterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(brokerName);
        var current = state.State;
        if (current.Config is not null && current.QueuesByBroker.ContainsKey(brokerName))
        {
            return ToInfo()!;
        }

        if (current.Config is null)
        {
            current.Config = config;
            current.ClusterName = clusterName;
        }

        current.QueuesByBroker[brokerName] = config.ToQueueData(brokerName);
        return await CommitAsync();
    }

    public async Task<TopicInfo?> RemoveBrokerQueuesAsync(string brokerName)
    {
        var current = state.State;
        if (current.Config is null || !current.QueuesByBroker.Remove(brokerName))
        {
            return ToInfo();
        }

        if (current.QueuesByBroker.Count == 0)
        {
            await DeleteAsync();
            return null;
        }

        return await CommitAsync();
    }

    public async Task<bool> DeleteAsync()
    {
        var clusterName = state.State.ClusterName;
        if (state.State.Config is null)
        {
            return false;
        }

        _info = null;
        await state.ClearOrReloadAsync();
        await Directory(clusterName).RemoveTopicAsync(Topic);
        await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.Topic, Topic));
        return true;
    }

    private async Task<TopicInfo> CommitAsync()
    {
        _info = null;
        state.State.Version++;
        await state.PersistOrReloadAsync();
        await Directory(state.State.ClusterName).AddTopicAsync(Topic);
        await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.Topic, Topic));
        return ToInfo()!;
    }

    private async Task<ImmutableArray<string>> GetLiveBrokerNamesAsync(string clusterName)
    {
        var directory = await Directory(clusterName).GetAsync();
        var groups = await Task.WhenAll(directory.BrokerNames.Select(name => GrainFactory.GetGrain<IBrokerGroupGrain>(name).GetAsync()));
        return [.. groups.Where(group => group is not null && liveness.FilterLive(group) is not null).Select(group => group!.BrokerName)];
    }

    private IClusterDirectoryGrain Directory(string clusterName) => GrainFactory.GetGrain<IClusterDirectoryGrain>(clusterName);

    private TopicInfo? ToInfo()
    {
        var current = state.State;
        if (current.Config is null)
        {
            return null;
        }

        return _info ??= new TopicInfo(
            current.Config,
            current.ClusterName,
            current.QueuesByBroker.ToImmutableDictionary(StringComparer.Ordinal),
            current.Version);
    }

    private void Validate(TopicConfig config, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterName);
        if (!string.Equals(config.TopicName, Topic, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Topic config is for '{config.TopicName}', not '{Topic}'.", nameof(config));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(config.ReadQueueNums);
        ArgumentOutOfRangeException.ThrowIfNegative(config.WriteQueueNums);
    }
}
