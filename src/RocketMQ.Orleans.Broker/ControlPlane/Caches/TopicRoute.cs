using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.ControlPlane.Caches;

/// <summary>
/// A topic's route over live broker groups only, the content of RocketMQ's TopicRouteData: queue datas and broker
/// datas, both sorted by broker name. (filterServerTable is always empty; orderTopicConf comes from the
/// ORDER_TOPIC_CONFIG KV namespace.)
/// </summary>
public sealed record TopicRoute(
    TopicConfig Config,
    ImmutableArray<QueueData> QueueDatas,
    ImmutableArray<BrokerGroupInfo> BrokerDatas);
