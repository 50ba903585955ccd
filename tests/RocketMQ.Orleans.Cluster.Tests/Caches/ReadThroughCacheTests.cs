using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;

namespace RocketMQ.Orleans.Cluster.Tests.Caches;

public sealed class ReadThroughCacheTests
{
    private readonly Dictionary<string, string?> _source = new() { ["a"] = "a1" };
    private int _loads;

    [Fact]
    public async Task A_miss_loads_once_and_later_reads_come_from_memory_including_absent_keys()
    {
        var cache = Create(TimeSpan.FromMinutes(1));

        Assert.False(cache.TryGet("a", out _));
        Assert.Equal("a1", await cache.GetAsync("a"));
        Assert.Equal("a1", await cache.GetAsync("a"));
        Assert.Null(await cache.GetAsync("missing"));
        Assert.Null(await cache.GetAsync("missing"));

        Assert.True(cache.TryGet("a", out var cached));
        Assert.Equal("a1", cached);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Missing_keys_are_remembered_up_to_the_cap_only_and_a_created_value_replaces_its_miss()
    {
        var cache = new ReadThroughCache<string>(key => Task.FromResult(_source.GetValueOrDefault(key)), TimeSpan.FromMinutes(1), (_, _) => { },
            maxNegativeEntries: 100);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.Null(await cache.GetAsync("made-up-" + i));
        }

        // Before the cap every made-up name stayed in memory for the life of the process.
        Assert.Equal(100, cache.NegativeCount);
        Assert.Equal(0, cache.Count);
        Assert.True(cache.TryGet("made-up-0", out _));
        Assert.False(cache.TryGet("made-up-999", out _));

        _source["made-up-0"] = "created";
        cache.Invalidate("made-up-0");
        Assert.Equal("created", await cache.GetAsync("made-up-0"));
        Assert.Equal(99, cache.NegativeCount);
    }

    [Fact]
    public async Task A_miss_is_forgotten_after_one_time_to_live()
    {
        var cache = new ReadThroughCache<string>(key => Task.FromResult(_source.GetValueOrDefault(key)), TimeSpan.FromMilliseconds(50), (_, _) => { },
            maxNegativeEntries: 10);
        Assert.Null(await cache.GetAsync("gone"));
        Assert.True(cache.TryGet("gone", out _));

        await Eventually.TrueAsync(() => !cache.TryGet("gone", out _), "a negative entry outlived its time-to-live");
        Assert.Equal(0, cache.NegativeCount);
    }

    [Fact]
    public async Task Concurrent_misses_share_one_load()
    {
        var gate = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        var cache = new ReadThroughCache<string>(_ => { Interlocked.Increment(ref loads); return gate.Task; }, TimeSpan.FromMinutes(1), (_, _) => { });

        var readers = Enumerable.Range(0, 10).Select(_ => cache.GetAsync("k").AsTask()).ToArray();
        gate.SetResult("v");

        Assert.All(await Task.WhenAll(readers), value => Assert.Equal("v", value));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task Invalidation_makes_the_next_read_load_the_new_value()
    {
        var cache = Create(TimeSpan.FromMinutes(1));
        Assert.Equal("a1", await cache.GetAsync("a"));

        _source["a"] = "a2";
        cache.Invalidate("a");

        Assert.False(cache.TryGet("a", out _));
        Assert.Equal("a2", await cache.GetAsync("a"));
    }

    [Fact]
    public async Task A_value_loaded_across_an_invalidation_is_returned_but_not_cached()
    {
        var gate = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new ReadThroughCache<string>(_ => gate.Task, TimeSpan.FromMinutes(1), (_, _) => { });
        var inFlight = cache.GetAsync("k").AsTask();

        cache.Invalidate("k");
        gate.SetResult("old");

        Assert.Equal("old", await inFlight);
        Assert.False(cache.TryGet("k", out _));
    }

    [Fact]
    public async Task A_change_of_another_key_does_not_keep_a_load_from_being_cached()
    {
        var gate = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new ReadThroughCache<string>(_ => gate.Task, TimeSpan.FromMinutes(1), (_, _) => { });
        var inFlight = cache.GetAsync("k").AsTask();

        cache.Invalidate("other");
        gate.SetResult("v");

        Assert.Equal("v", await inFlight);
        Assert.True(cache.TryGet("k", out var cached));
        Assert.Equal("v", cached);
    }

    [Fact]
    public async Task An_expired_entry_is_served_while_it_reloads_in_the_background()
    {
        var cache = Create(TimeSpan.FromMilliseconds(1));
        Assert.Equal("a1", await cache.GetAsync("a"));
        _source["a"] = "a2";
        await Eventually.HoldsAsync(
            () => Task.FromResult(cache.TryGet("a", out var value) && value == "a2"),
            TimeSpan.FromSeconds(5),
            "the expired entry was refreshed in the background");
        Assert.True(_loads >= 2);
    }

    [Fact]
    public async Task An_expired_entry_whose_reload_fails_is_still_served_and_reloaded_once_per_time_to_live()
    {
        var loads = 0;
        var failures = 0;
        var cache = new ReadThroughCache<string>(
            _ => Interlocked.Increment(ref loads) == 1
                ? Task.FromResult<string?>("v")
                : Task.FromException<string?>(new InvalidOperationException("grain down")),
            TimeSpan.FromSeconds(1),
            (_, _) => Interlocked.Increment(ref failures));
        Assert.Equal("v", await cache.GetAsync("k"));
        await Eventually.HoldsAsync(
            () => Task.FromResult(cache.TryGet("k", out _) && Volatile.Read(ref loads) == 2),
            TimeSpan.FromSeconds(5),
            "the expired entry triggers one background reload");

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(cache.TryGet("k", out var value));
            Assert.Equal("v", value);
        }

        await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref failures) == 1), TimeSpan.FromSeconds(5), "the failure is reported");
        Assert.Equal(2, Volatile.Read(ref loads));
    }

    [Fact]
    public async Task A_failed_load_is_not_cached()
    {
        var fail = true;
        var cache = new ReadThroughCache<string>(
            _ => fail ? Task.FromException<string?>(new InvalidOperationException("down")) : Task.FromResult<string?>("ok"),
            TimeSpan.FromMinutes(1),
            (_, _) => { });

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("k").AsTask());
        fail = false;

        Assert.Equal("ok", await cache.GetAsync("k"));
    }

    private ReadThroughCache<string> Create(TimeSpan timeToLive) =>
        new(key =>
        {
            Interlocked.Increment(ref _loads);
            return Task.FromResult(_source.GetValueOrDefault(key));
        }, timeToLive, (_, _) => { });
}
