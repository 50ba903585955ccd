using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>A topic's writable queues and the round-robin position over them (Apache <c>TopicPublishInfo</c>).</summary>
internal sealed class TopicPublishInfo
{
    private int _next = Random.Shared.Next(1024);

    public TopicPublishInfo(TopicRouteData route, IReadOnlyList<MessageQueue> queues, bool fromDefaultTopic)
    {
        Route = route;
        Queues = queues;
        FromDefaultTopic = fromDefaultTopic;
    }

    public TopicRouteData Route { get; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of creation.</summary>
    public long CreatedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public IReadOnlyList<MessageQueue> Queues { get; }

    /// <summary>Built from the auto-create topic's route because the topic did not exist yet.</summary>
    public bool FromDefaultTopic { get; }

    /// <summary>The next queue in turn, skipping <paramref name="avoidBroker"/> when another broker has queues (Apache <c>selectOneMessageQueue</c>).</summary>
    public MessageQueue Select(string? avoidBroker)
    {
        int count = Queues.Count;
        if (avoidBroker is not null)
        {
            for (int i = 0; i < count; i++)
            {
                var candidate = Queues[(int)((uint)Interlocked.Increment(ref _next) % (uint)count)];
                if (candidate.BrokerName != avoidBroker)
                {
                    return candidate;
                }
            }
        }

        return Queues[(int)((uint)Interlocked.Increment(ref _next) % (uint)count)];
    }
}
