namespace RocketMQ.Orleans.Filter.Registry;

/// <summary>
/// The compiled expression a consumer group registered for a topic in its heartbeat (Apache ConsumerFilterData,
/// without the bloom filter: this broker evaluates every candidate message).
/// </summary>
public sealed record ConsumerFilterData(string Topic, string ConsumerGroup, string Expression, string ExpressionType, long ClientVersion, Sql92Filter Filter);
