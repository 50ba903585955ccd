namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>A connected consumer client together with the silo whose broker holds its connection.</summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.ConsumerConnection")]
public sealed record ConsumerConnection(
    [Id(0)] SiloAddress Silo,
    [Id(1)] ConsumerClientInfo Client);
