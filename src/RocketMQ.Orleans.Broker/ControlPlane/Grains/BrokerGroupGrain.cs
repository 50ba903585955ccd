using System.Collections.Immutable;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;

namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

internal sealed class BrokerGroupGrain(
    [PersistentState("brokerGroup", ControlPlaneStorage.ProviderName)] IPersistentState<BrokerGroupState> state,
    IControlPlaneChangePublisher changes) : Grain, IBrokerGroupGrain
{
    private string BrokerName => this.GetPrimaryKeyString();

    public async Task<BrokerGroupInfo> RegisterMemberAsync(string clusterName, long brokerId, string address, SiloAddress silo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentOutOfRangeException.ThrowIfNegative(brokerId);
        ArgumentNullException.ThrowIfNull(silo);

        var current = state.State;
        var siloText = silo.ToParsableString();
        var unchanged = current.ClusterName == clusterName
            && current.Members.TryGetValue(brokerId, out var existing)
            && existing.Address == address
            && existing.Silo == siloText;
        if (!unchanged)
        {
            current.ClusterName = clusterName;
            current.Members[brokerId] = new BrokerMemberState { Address = address, Silo = siloText };
            current.DataVersion++;
            await state.PersistOrReloadAsync();
            await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.BrokerGroup, BrokerName));
        }

        return ToInfo()!;
    }

    public async Task<BrokerGroupInfo?> UnregisterMemberAsync(long brokerId, SiloAddress silo)
    {
        var current = state.State;
        if (current.Members.TryGetValue(brokerId, out var member) && member.Silo == silo.ToParsableString())
        {
            current.Members.Remove(brokerId);
            current.DataVersion++;
            await state.PersistOrReloadAsync();
            await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.BrokerGroup, BrokerName));
        }

        return ToInfo();
    }

    public async Task SetGrpcEndpointAsync(SiloAddress silo, string? endpoint)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var endpoints = state.State.GrpcEndpoints;
        var siloText = silo.ToParsableString();
        var changed = endpoint is null ? endpoints.Remove(siloText) : !(endpoints.TryGetValue(siloText, out var known) && known == endpoint);
        // Earlier generations of the same silo endpoint are restarts of this silo: their entries can never match a
        // member again, so they go (the map stays one entry per silo endpoint).
        foreach (var stale in endpoints.Keys.Where(key => key != siloText && IsEarlierGeneration(key, silo)).ToList())
        {
            changed |= endpoints.Remove(stale);
        }

        if (endpoint is not null)
        {
            endpoints[siloText] = endpoint;
        }

        if (changed)
        {
            state.State.DataVersion++;
            await state.PersistOrReloadAsync();
            await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.BrokerGroup, BrokerName));
        }
    }

    public Task<BrokerGroupInfo?> GetAsync() => Task.FromResult(ToInfo());

    private static bool IsEarlierGeneration(string siloText, SiloAddress current)
    {
        var other = SiloAddress.FromParsableString(siloText);
        return other.Endpoint.Equals(current.Endpoint) && other.Generation < current.Generation;
    }

    private BrokerGroupInfo? ToInfo()
    {
        var current = state.State;
        if (current.ClusterName is null)
        {
            return null;
        }

        var members = current.Members.ToImmutableDictionary(
            pair => pair.Key,
            pair => new BrokerMember(pair.Key, pair.Value.Address, SiloAddress.FromParsableString(pair.Value.Silo),
                current.GrpcEndpoints.GetValueOrDefault(pair.Value.Silo)));
        return new BrokerGroupInfo(BrokerName, current.ClusterName, members, current.DataVersion);
    }
}
