using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>Apache <c>AllocateMessageQueueAveragely</c>: contiguous, near-equal shares of the sorted queues by sorted client id.</summary>
public static class QueueAllocation
{
    public static List<MessageQueue> Averagely(IReadOnlyList<MessageQueue> sortedQueues, IReadOnlyList<string> sortedClientIds, string clientId)
    {
        ArgumentNullException.ThrowIfNull(sortedQueues);
        ArgumentNullException.ThrowIfNull(sortedClientIds);
        int index = IndexOf(sortedClientIds, clientId);
        if (index < 0 || sortedQueues.Count == 0)
        {
            return [];
        }

        int queues = sortedQueues.Count;
        int clients = sortedClientIds.Count;
        int mod = queues % clients;
        int averageSize = queues <= clients ? 1 : (mod > 0 && index < mod ? (queues / clients) + 1 : queues / clients);
        int startIndex = mod > 0 && index < mod ? index * averageSize : (index * averageSize) + mod;
        int range = Math.Min(averageSize, queues - startIndex);
        var result = new List<MessageQueue>(Math.Max(range, 0));
        for (int i = 0; i < range; i++)
        {
            result.Add(sortedQueues[(startIndex + i) % queues]);
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (int i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
