using System.Collections.Concurrent;
using RocketMQ.Orleans.Client.Routing;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>
/// Publish info per topic, rebuilt whenever the route cache hands out a new route object. A topic the name
/// server does not know is sent through the auto-create topic's brokers (Apache <c>tryToFindTopicPublishInfo</c>).
/// </summary>
internal sealed class PublishInfoTable
{
    private readonly TopicRouteCache _routes;
    private readonly ProducerOptions _options;
    private readonly ConcurrentDictionary<string, TopicPublishInfo> _table = new(StringComparer.Ordinal);

    public PublishInfoTable(TopicRouteCache routes, ProducerOptions options)
    {
        _routes = routes;
        _options = options;
    }

    /// <summary>How long queues borrowed from the auto-create topic are used before the real route is looked up again.</summary>
    private static readonly TimeSpan DefaultRouteRecheck = TimeSpan.FromSeconds(1);

    public async ValueTask<TopicPublishInfo> GetAsync(string topic, CancellationToken cancellationToken)
    {
        if (_table.TryGetValue(topic, out var borrowed) && borrowed.FromDefaultTopic
            && System.Diagnostics.Stopwatch.GetElapsedTime(borrowed.CreatedAt) < DefaultRouteRecheck)
        {
            return borrowed;
        }

        var routeTask = _routes.GetAsync(topic, cancellationToken: cancellationToken);
        var route = routeTask.IsCompletedSuccessfully ? routeTask.Result : await routeTask.ConfigureAwait(false);
        if (route is not null)
        {
            if (_table.TryGetValue(topic, out var current) && ReferenceEquals(current.Route, route))
            {
                return current;
            }

            var queues = RouteQueues.ForPublish(route, topic);
            if (queues.Count > 0)
            {
                var info = new TopicPublishInfo(route, queues, fromDefaultTopic: false);
                _table[topic] = info;
                return info;
            }
        }

        var defaultRoute = await _routes.GetAsync(_options.CreateTopicKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (defaultRoute is not null)
        {
            var queues = RouteQueues.ForPublish(defaultRoute, topic, _options.DefaultTopicQueueNums);
            if (queues.Count > 0)
            {
                var info = new TopicPublishInfo(defaultRoute, queues, fromDefaultTopic: true);
                _table[topic] = info;
                return info;
            }
        }

        throw new RocketMQClientException($"No route info of this topic: {topic}");
    }
}
