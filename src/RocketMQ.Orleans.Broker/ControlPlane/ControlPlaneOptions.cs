namespace RocketMQ.Orleans.Broker.ControlPlane;

/// <summary>Tuning of the control plane's per-silo caches.</summary>
public sealed class ControlPlaneOptions
{
    /// <summary>
    /// How long a cached value is served before it is reloaded in the background. Changes reach every silo through
    /// notifications at once; this only bounds how long a lost notification can leave a silo behind.
    /// </summary>
    public TimeSpan CacheTimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    public const int DefaultMaxNegativeCacheEntries = 10_000;

    /// <summary>The ceiling the broker puts on Orleans' grain-directory cache (Orleans' default is 10^6 entries).</summary>
    public const int MaxGrainDirectoryCacheEntries = 100_000;

    /// <summary>
    /// How many "does not exist" answers (unknown topics, groups, KV namespaces: names clients choose) each cache keeps,
    /// each for one <see cref="CacheTimeToLive"/> at most. Past it a miss asks the grain again instead of growing memory.
    /// </summary>
    public int MaxNegativeCacheEntries { get; set; } = DefaultMaxNegativeCacheEntries;
}
