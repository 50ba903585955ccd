using System.Collections.Immutable;

namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>
/// One connected consumer client of a group, as a silo's broker saw it in its last heartbeat: what
/// GET_CONSUMER_CONNECTION_LIST and the tooling show. Language is RocketMQ's LanguageCode name ("JAVA", ...);
/// ConsumeType, MessageModel and ConsumeFromWhere keep RocketMQ's enum names.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.ConsumerClientInfo")]
public sealed record ConsumerClientInfo(
    [Id(0)] string ClientId,
    [Id(1)] string ClientAddress,
    [Id(2)] string Language,
    [Id(3)] int Version,
    [Id(4)] ImmutableArray<ConsumerSubscription> Subscriptions,
    [Id(5)] string ConsumeType = "CONSUME_PASSIVELY",
    [Id(6)] string MessageModel = "CLUSTERING",
    [Id(7)] string ConsumeFromWhere = "CONSUME_FROM_LAST_OFFSET");
