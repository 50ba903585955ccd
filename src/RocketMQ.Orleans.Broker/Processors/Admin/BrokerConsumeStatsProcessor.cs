using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// GET_BROKER_CONSUME_STATS (mqadmin brokerConsumeStats): every group's progress on every topic it has offsets
/// for on this broker, Apache's fetchAllConsumeStatsInBroker. Apache walks its subscription-group table; the groups
/// here are those with committed offsets on this broker (a group without offsets has an empty list in Apache, and
/// none here).
/// </summary>
internal sealed class BrokerConsumeStatsProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var orderOnly = RequestFields.Boolean(request, "isOrder");
        var store = runtime.Store;
        var body = new ConsumeStatsList { BrokerAddr = runtime.Identity.BrokerAddress };
        foreach (var byGroup in store.ConsumerOffsets.GroupTopics.GroupBy(pair => pair.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var group = byGroup.Key;
            var list = new List<ConsumeStats>();
            foreach (var topic in byGroup.Select(pair => pair.Topic).Distinct(StringComparer.Ordinal))
            {
                if (await runtime.Topics.GetAsync(topic).ConfigureAwait(false) is not { } config || (orderOnly && !config.Order))
                {
                    continue;
                }

                var online = runtime.ConsumerManager.GetConsumerGroupInfo(group);
                if (online is not null && online.FindSubscriptionData(topic) is null && online.GetSubscriptions().Count > 0)
                {
                    continue;
                }

                var stats = new ConsumeStats();
                for (var queueId = 0; queueId < config.WriteQueueNums; queueId++)
                {
                    var brokerOffset = Math.Max(0, store.GetMaxOffsetInQueue(topic, queueId));
                    var consumerOffset = Math.Max(0, store.ConsumerOffsets.Query(group, topic, queueId));
                    var lastTimestamp = consumerOffset > 0
                        ? Math.Max(0, await StoreTimestamps.AtQueueOffsetAsync(store, topic, queueId, consumerOffset - 1).ConfigureAwait(false))
                        : 0;
                    stats.OffsetTable[new MessageQueue(topic, runtime.Identity.BrokerName, queueId)] = new OffsetWrapper(brokerOffset, consumerOffset, lastTimestamp);
                    body.TotalDiff += brokerOffset - consumerOffset;
                }

                list.Add(stats);
            }

            body.ConsumeStatsListItems.Add(new Dictionary<string, List<ConsumeStats>>(StringComparer.Ordinal) { [group] = list });
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body.Encode();
        return response;
    }
}
