using System.Collections.Immutable;

namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>The broker names and topic names of one cluster; <see cref="Version"/> grows with every change.</summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.ClusterDirectorySnapshot")]
public sealed record ClusterDirectorySnapshot(
    [Id(0)] string ClusterName,
    [Id(1)] ImmutableSortedSet<string> BrokerNames,
    [Id(2)] ImmutableSortedSet<string> TopicNames,
    [Id(3)] long Version);
