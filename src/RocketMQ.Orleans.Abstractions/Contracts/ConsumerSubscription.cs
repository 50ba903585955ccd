using System.Collections.Immutable;

namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>One topic subscription of a consumer, as RocketMQ's SubscriptionData in a heartbeat.</summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.ConsumerSubscription")]
public sealed record ConsumerSubscription(
    [Id(0)] string Topic,
    [Id(1)] string SubString,
    [Id(2)] ImmutableArray<string> Tags,
    [Id(3)] ImmutableArray<int> Codes,
    [Id(4)] long SubVersion,
    [Id(5)] string ExpressionType = "TAG");
