namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; if that fails, reloads it before rethrowing, so the activation never keeps serving a change
    /// that was not stored (nor retries on a stale ETag forever).
    /// </summary>
    public static async Task PersistOrReloadAsync<T>(this IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }

    /// <summary>Clears the state; on failure reloads it before rethrowing.</summary>
    public static async Task ClearOrReloadAsync<T>(this IPersistentState<T> state)
    {
        try
        {
            await state.ClearStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
