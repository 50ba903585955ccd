namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

/// <summary>
/// Persisted count of auto-created subscription groups: a number, not the names, so taking a place writes a few bytes
/// however many groups exist (each group's own grain knows whether it was auto-created).
/// </summary>
[GenerateSerializer]
[Alias("rmq.AutoCreatedGroupsState")]
public sealed class AutoCreatedGroupsState
{
    [Id(0)] public int Count { get; set; }
}
