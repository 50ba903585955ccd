namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

/// <summary>Persisted state of a broker group. Plain types only, so any storage serializer (JSON) round-trips it.</summary>
[GenerateSerializer]
[Alias("rmq.BrokerGroupState")]
public sealed class BrokerGroupState
{
    [Id(0)] public string? ClusterName { get; set; }

    [Id(1)] public Dictionary<long, BrokerMemberState> Members { get; set; } = [];

    [Id(2)] public long DataVersion { get; set; }

    /// <summary>gRPC endpoint ("host:port") by silo (SiloAddress' parsable form), one entry per silo endpoint.</summary>
    [Id(3)] public Dictionary<string, string> GrpcEndpoints { get; set; } = [];
}
