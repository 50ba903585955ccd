using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Grains;

namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

/// <summary>One per cluster: takes and gives back places one at a time, so concurrent creations through several silos never pass the cap.</summary>
internal sealed class AutoCreatedGroupsGrain(
    [PersistentState("autoCreatedGroups", ControlPlaneStorage.ProviderName)] IPersistentState<AutoCreatedGroupsState> state)
    : Grain, IAutoCreatedGroupsGrain
{
    public async Task<bool> TryTakeAsync(int max)
    {
        if (state.State.Count >= max)
        {
            return false;
        }

        // A failed write reloads what is stored, so a failure takes nothing.
        state.State.Count++;
        await state.PersistOrReloadAsync();
        return true;
    }

    public async Task ReleaseAsync()
    {
        if (state.State.Count == 0)
        {
            return;
        }

        state.State.Count--;
        await state.PersistOrReloadAsync();
    }

    public Task<int> GetCountAsync() => Task.FromResult(state.State.Count);
}
