using System.Collections.Immutable;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;
using RocketMQ.Orleans.Broker.ControlPlane.Liveness;

namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

internal sealed class ConsumerGroupGrain(
    [PersistentState("consumerGroup", ControlPlaneStorage.ProviderName)] IPersistentState<ConsumerGroupState> state,
    BrokerLiveness liveness,
    IControlPlaneChangePublisher changes) : Grain, IConsumerGroupGrain
{
    // Which clients each silo's broker holds; rebuilt from the silos' reports after a reactivation.
    private readonly Dictionary<SiloAddress, ImmutableArray<ConsumerClientInfo>> _connections = [];

    private string Group => this.GetPrimaryKeyString();

    public Task<SubscriptionGroupConfig?> GetConfigAsync()
    {
        // A group nobody created and no silo reports clients of (a made-up name): answer and go.
        if (state.State.Config is null && _connections.Count == 0)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(state.State.Config);
    }

    public async Task<SubscriptionGroupConfig> CreateOrUpdateConfigAsync(SubscriptionGroupConfig config)
    {
        CheckIsMine(config);
        // An admin call makes the group the operator's: it no longer counts against the auto-creation cap.
        var adopted = state.State.AutoCreated;
        if (config != state.State.Config || adopted)
        {
            state.State.Config = config;
            state.State.AutoCreated = false;
            await state.PersistOrReloadAsync();
            await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.ConsumerGroup, Group));
        }

        if (adopted)
        {
            await AutoCreatedGroups.ReleaseAsync();
        }

        return config;
    }

    public async Task<SubscriptionGroupConfig?> AutoCreateConfigAsync(SubscriptionGroupConfig config, int maxAutoCreated)
    {
        CheckIsMine(config);
        if (state.State.Config is { } existing)
        {
            return existing;
        }

        if (!await AutoCreatedGroups.TryTakeAsync(maxAutoCreated))
        {
            // Refused: a made-up name past the cap keeps no activation (as GetConfigAsync for unknown groups).
            if (_connections.Count == 0)
            {
                DeactivateOnIdle();
            }

            return null;
        }

        state.State.Config = config;
        state.State.AutoCreated = true;
        try
        {
            await state.PersistOrReloadAsync();
        }
        catch
        {
            await AutoCreatedGroups.ReleaseAsync();
            throw;
        }

        await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.ConsumerGroup, Group));
        return config;
    }

    public async Task<bool> DeleteConfigAsync()
    {
        if (state.State.Config is null)
        {
            return false;
        }

        var autoCreated = state.State.AutoCreated;
        await state.ClearOrReloadAsync();
        await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.ConsumerGroup, Group));
        if (autoCreated)
        {
            await AutoCreatedGroups.ReleaseAsync();
        }

        return true;
    }

    private IAutoCreatedGroupsGrain AutoCreatedGroups => GrainFactory.GetGrain<IAutoCreatedGroupsGrain>(0);

    private void CheckIsMine(SubscriptionGroupConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!string.Equals(config.GroupName, Group, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Subscription group config is for '{config.GroupName}', not '{Group}'.", nameof(config));
        }
    }

    public Task ReportConnectionsAsync(SiloAddress silo, ImmutableArray<ConsumerClientInfo> clients)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (clients.IsDefaultOrEmpty)
        {
            _connections.Remove(silo);
        }
        else
        {
            _connections[silo] = clients;
        }

        // The last client of a group nobody created left: nothing here is worth an activation.
        if (_connections.Count == 0 && state.State.Config is null)
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public Task<ImmutableArray<ConsumerConnection>> GetConnectionsAsync()
    {
        var result = ImmutableArray.CreateBuilder<ConsumerConnection>();
        foreach (var (silo, clients) in _connections.ToArray())
        {
            if (!liveness.IsActive(silo))
            {
                // Entries of a dead silo disappear with it; a silo that is merely joining reports again.
                if (liveness.IsDead(silo))
                {
                    _connections.Remove(silo);
                }

                continue;
            }

            foreach (var client in clients)
            {
                result.Add(new ConsumerConnection(silo, client));
            }
        }

        return Task.FromResult(result.ToImmutable());
    }
}
