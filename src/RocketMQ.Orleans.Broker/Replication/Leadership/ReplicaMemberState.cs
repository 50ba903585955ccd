namespace RocketMQ.Orleans.Broker.Replication.Leadership;

/// <summary>Persisted replica of a group; the silo is kept in SiloAddress' parsable form.</summary>
[GenerateSerializer]
[Alias("rmq.ReplicaMemberState")]
public sealed class ReplicaMemberState
{
    [Id(0)] public long FollowerBrokerId { get; set; }

    [Id(1)] public string BrokerAddress { get; set; } = "";

    [Id(2)] public string Silo { get; set; } = "";

    [Id(3)] public long LastLogEpoch { get; set; }

    [Id(4)] public long LogEndOffset { get; set; }

    [Id(5)] public DateTimeOffset LastSeen { get; set; }
}
