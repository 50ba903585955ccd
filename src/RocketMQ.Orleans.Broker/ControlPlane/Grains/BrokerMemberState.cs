namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

/// <summary>Persisted member of a broker group; the silo is kept in SiloAddress' parsable form.</summary>
[GenerateSerializer]
[Alias("rmq.BrokerMemberState")]
public sealed class BrokerMemberState
{
    [Id(0)] public string Address { get; set; } = "";

    [Id(1)] public string Silo { get; set; } = "";
}
