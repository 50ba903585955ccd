using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Routing;

/// <summary>Message queues a route offers for sending and for consuming (Apache <c>topicRouteData2TopicPublishInfo</c> / <c>…SubscribeInfo</c>).</summary>
public static class RouteQueues
{
    private const int PermRead = 1 << 2;
    private const int PermWrite = 1 << 1;

    /// <summary>Writable queues of brokers with a master, ordered by broker name then queue id.</summary>
    public static List<MessageQueue> ForPublish(TopicRouteData route, string topic, int maxQueuesPerBroker = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(route);
        var queues = new List<MessageQueue>();
        foreach (var queueData in route.QueueDatas.OrderBy(q => q.BrokerName, StringComparer.Ordinal))
        {
            if ((queueData.Perm & PermWrite) == 0 || FindMaster(route, queueData.BrokerName) is null)
            {
                continue;
            }

            int count = Math.Min(queueData.WriteQueueNums, maxQueuesPerBroker);
            for (int queueId = 0; queueId < count; queueId++)
            {
                queues.Add(new MessageQueue(topic, queueData.BrokerName, queueId));
            }
        }

        return queues;
    }

    /// <summary>Readable queues, sorted as Java's rebalance sorts them.</summary>
    public static List<MessageQueue> ForSubscribe(TopicRouteData route, string topic)
    {
        ArgumentNullException.ThrowIfNull(route);
        var queues = new List<MessageQueue>();
        foreach (var queueData in route.QueueDatas)
        {
            if ((queueData.Perm & PermRead) == 0)
            {
                continue;
            }

            for (int queueId = 0; queueId < queueData.ReadQueueNums; queueId++)
            {
                queues.Add(new MessageQueue(topic, queueData.BrokerName, queueId));
            }
        }

        queues.Sort();
        return queues;
    }

    /// <summary>The master address of <paramref name="brokerName"/> in the route, or null.</summary>
    public static string? FindMaster(TopicRouteData route, string brokerName)
    {
        foreach (var broker in route.BrokerDatas)
        {
            if (broker.BrokerName == brokerName)
            {
                return broker.BrokerAddrs.GetValueOrDefault(MixAll.MasterId);
            }
        }

        return null;
    }

    /// <summary>Master addresses of every broker group in the route.</summary>
    public static List<string> MasterAddresses(TopicRouteData route) =>
        [.. route.BrokerDatas
            .Select(broker => broker.BrokerAddrs.GetValueOrDefault(MixAll.MasterId))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];
}
