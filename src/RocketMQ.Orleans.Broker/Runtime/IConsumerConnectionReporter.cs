using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Publishes this broker's connected consumers of a group to the cluster-wide view (batched, not per request).</summary>
public interface IConsumerConnectionReporter
{
    /// <summary>Replaces what this broker reported for <paramref name="group"/>; an empty array withdraws it.</summary>
    Task ReportAsync(string group, ImmutableArray<ConsumerClientInfo> clients);
}
