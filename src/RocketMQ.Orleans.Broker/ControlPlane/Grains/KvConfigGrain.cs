using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;

namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

internal sealed class KvConfigGrain(
    [PersistentState("kvConfig", ControlPlaneStorage.ProviderName)] IPersistentState<KvConfigState> state,
    IControlPlaneChangePublisher changes) : Grain, IKvConfigGrain
{
    private ImmutableDictionary<string, string>? _all;

    public async Task PutAsync(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (state.State.Entries.TryGetValue(key, out var existing) && existing == value)
        {
            return;
        }

        state.State.Entries[key] = value;
        await CommitAsync();
    }

    public Task<string?> GetAsync(string key)
    {
        DeactivateIfEmpty();
        return Task.FromResult(state.State.Entries.GetValueOrDefault(key));
    }

    public async Task<bool> DeleteAsync(string key)
    {
        if (!state.State.Entries.Remove(key))
        {
            return false;
        }

        await CommitAsync();
        return true;
    }

    public Task<ImmutableDictionary<string, string>> GetAllAsync()
    {
        DeactivateIfEmpty();
        return Task.FromResult(_all ??= state.State.Entries.ToImmutableDictionary(StringComparer.Ordinal));
    }

    /// <summary>A namespace without entries (any name a client asks about) holds no activation once answered.</summary>
    private void DeactivateIfEmpty()
    {
        if (state.State.Entries.Count == 0)
        {
            DeactivateOnIdle();
        }
    }

    private async Task CommitAsync()
    {
        _all = null;
        if (state.State.Entries.Count == 0)
        {
            await state.ClearOrReloadAsync();
        }
        else
        {
            await state.PersistOrReloadAsync();
        }

        await changes.PublishAsync(new ControlPlaneChange(ControlPlaneChangeKind.KvConfig, this.GetPrimaryKeyString()));
    }
}
