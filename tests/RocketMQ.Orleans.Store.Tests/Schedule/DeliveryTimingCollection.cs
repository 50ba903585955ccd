namespace RocketMQ.Orleans.Store.Tests.Schedule;

/// <summary>
/// Tests that assert delivery within a second of due run alone: beside the kill -9 crash tests, two cores' thread pool
/// can be starved long enough to make a punctual deliverer look late.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeliveryTimingCollection
{
    public const string Name = "Delivery timing";
}
