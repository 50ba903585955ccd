using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Routing;

/// <summary>
/// Topic routes fetched from the name server, kept for <c>refreshInterval</c> (Apache refreshes every 30 s);
/// one fetch per topic at a time, and a stale route is kept if a refresh fails.
/// </summary>
internal sealed class TopicRouteCache
{
    private readonly NameServerApi _nameServer;
    private readonly TimeSpan _refreshInterval;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CachedRoute> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TopicRouteData?>>> _fetches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _masterByBrokerName = new(StringComparer.Ordinal);

    public TopicRouteCache(NameServerApi nameServer, TimeSpan refreshInterval, ILogger logger)
    {
        _nameServer = nameServer;
        _refreshInterval = refreshInterval;
        _logger = logger;
    }

    /// <summary>The topic's route, or null if the topic does not exist. Completes synchronously while the cached route is fresh.</summary>
    public ValueTask<TopicRouteData?> GetAsync(string topic, bool forceRefresh = false, CancellationToken cancellationToken = default)
    {
        if (!forceRefresh && _routes.TryGetValue(topic, out var cached) && Stopwatch.GetElapsedTime(cached.FetchedAt) < _refreshInterval)
        {
            return new ValueTask<TopicRouteData?>(cached.Route);
        }

        return new ValueTask<TopicRouteData?>(FetchOnceAsync(topic).WaitAsync(cancellationToken));
    }

    /// <summary>The master address of a broker group seen in any cached route.</summary>
    public string? FindMasterAddress(string brokerName) => _masterByBrokerName.GetValueOrDefault(brokerName);

    /// <summary>Master addresses of every broker group seen in a route so far (heartbeat targets).</summary>
    public IReadOnlyCollection<string> KnownMasterAddresses => [.. _masterByBrokerName.Values.Distinct(StringComparer.Ordinal)];

    /// <summary>Forgets a topic's route so the next use fetches it again (e.g. after a send was refused).</summary>
    public void Invalidate(string topic) => _routes.TryRemove(topic, out _);

    /// <summary>Joins the fetch of the topic in flight, or starts one; it leaves the table when it completes.</summary>
    private Task<TopicRouteData?> FetchOnceAsync(string topic)
    {
        var entry = _fetches.GetOrAdd(topic, static (key, self) => new Lazy<Task<TopicRouteData?>>(() => self.FetchAsync(key)), this);
        var fetch = entry.Value;
        if (fetch.IsCompleted)
        {
            _fetches.TryRemove(KeyValuePair.Create(topic, entry));
        }
        else
        {
            fetch.ContinueWith(
                static (_, state) =>
                {
                    var (table, key, value) = ((ConcurrentDictionary<string, Lazy<Task<TopicRouteData?>>>, string, Lazy<Task<TopicRouteData?>>))state!;
                    table.TryRemove(KeyValuePair.Create(key, value));
                },
                (_fetches, topic, entry),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return fetch;
    }

    private async Task<TopicRouteData?> FetchAsync(string topic)
    {
        try
        {
            var route = await _nameServer.GetRouteInfoAsync(topic).ConfigureAwait(false);
            if (route is null)
            {
                _routes.TryRemove(topic, out _);
                return null;
            }

            Remember(route);
            _routes[topic] = new CachedRoute(route, Stopwatch.GetTimestamp());
            return route;
        }
        catch (Exception exception) when (_routes.TryGetValue(topic, out var stale))
        {
            ClientLog.RouteRefreshFailed(_logger, exception, topic);
            return stale.Route;
        }
    }

    private void Remember(TopicRouteData route)
    {
        foreach (var broker in route.BrokerDatas)
        {
            if (broker.BrokerAddrs.TryGetValue(Core.MixAll.MasterId, out var address))
            {
                _masterByBrokerName[broker.BrokerName] = address;
            }
        }
    }

    private readonly record struct CachedRoute(TopicRouteData Route, long FetchedAt);
}
