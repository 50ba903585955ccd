namespace RocketMQ.Orleans.Abstractions.Grains;

/// <summary>
/// How many subscription groups exist because a client named them (auto-creation), cluster-wide (key 0): the count
/// <c>Broker:MaxAutoCreatedSubscriptionGroups</c> caps. Each group's grain takes a place when it auto-creates its
/// configuration and gives it back when that configuration is deleted or taken over by an admin call.
/// </summary>
[Alias("rmq.IAutoCreatedGroupsGrain")]
public interface IAutoCreatedGroupsGrain : IGrainWithIntegerKey
{
    /// <summary>Takes a place if fewer than <paramref name="max"/> are taken; false when the cap is reached.</summary>
    [Alias("TryTake")]
    Task<bool> TryTakeAsync(int max);

    /// <summary>Gives back a place taken by <see cref="TryTakeAsync"/>.</summary>
    [Alias("Release")]
    Task ReleaseAsync();

    [Alias("GetCount"), ReadOnly]
    Task<int> GetCountAsync();
}
