namespace RocketMQ.Orleans.Broker.Replication.Leadership;

/// <summary>Persisted line of the epoch history; <see cref="StartOffset"/> stays -1 until the leader's first report in the epoch.</summary>
[GenerateSerializer]
[Alias("rmq.EpochState")]
public sealed class EpochState
{
    [Id(0)] public long Epoch { get; set; }

    [Id(1)] public string LeaderId { get; set; } = "";

    [Id(2)] public long StartOffset { get; set; } = -1;
}
