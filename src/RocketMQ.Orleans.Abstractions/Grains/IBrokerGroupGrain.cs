using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Abstractions.Grains;

/// <summary>One broker group (key = broker name): its cluster and members. Liveness comes from Orleans membership.</summary>
[Alias("rmq.IBrokerGroupGrain")]
public interface IBrokerGroupGrain : IGrainWithStringKey
{
    /// <summary>Registers or refreshes a member; the data version grows only when something changed.</summary>
    [Alias("RegisterMember")]
    Task<BrokerGroupInfo> RegisterMemberAsync(string clusterName, long brokerId, string address, SiloAddress silo);

    /// <summary>
    /// Removes a member, but only while it is still registered from <paramref name="silo"/>, so an old silo's
    /// shutdown cannot erase the registration of the silo that replaced it.
    /// </summary>
    [Alias("UnregisterMember")]
    Task<BrokerGroupInfo?> UnregisterMemberAsync(long brokerId, SiloAddress silo);

    /// <summary>
    /// Records the RocketMQ 5 gRPC endpoint ("host:port") that <paramref name="silo"/> serves, so routes can send 5.x
    /// clients to whichever silo runs a member (the leader of a replicated group included); null withdraws it. Kept
    /// apart from the remoting registration, whose wire format (REGISTER_BROKER) has no place for it.
    /// </summary>
    [Alias("SetGrpcEndpoint")]
    Task SetGrpcEndpointAsync(SiloAddress silo, string? endpoint);

    /// <summary>The group, or null if no member ever registered.</summary>
    [Alias("Get"), ReadOnly]
    Task<BrokerGroupInfo?> GetAsync();
}
