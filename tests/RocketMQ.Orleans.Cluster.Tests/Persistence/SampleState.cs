namespace RocketMQ.Orleans.Cluster.Tests.Persistence;

public sealed class SampleState
{
    public string Name { get; set; } = "";

    public Dictionary<string, int> Counts { get; set; } = [];
}
