using System.Collections.Immutable;

namespace RocketMQ.Orleans.Abstractions.Grains;

/// <summary>One name-server KV config namespace (key = namespace, e.g. "ORDER_TOPIC_CONFIG").</summary>
[Alias("rmq.IKvConfigGrain")]
public interface IKvConfigGrain : IGrainWithStringKey
{
    [Alias("Put")]
    Task PutAsync(string key, string value);

    [Alias("Get"), ReadOnly]
    Task<string?> GetAsync(string key);

    /// <summary>False if the key did not exist.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string key);

    [Alias("GetAll"), ReadOnly]
    Task<ImmutableDictionary<string, string>> GetAllAsync();
}
