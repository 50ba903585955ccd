using System.Collections.Immutable;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Reports to the group's <see cref="IConsumerGroupGrain"/> under this silo's address.</summary>
public sealed class ControlPlaneConsumerConnectionReporter(IGrainFactory grains, ILocalSiloDetails localSilo) : IConsumerConnectionReporter
{
    public Task ReportAsync(string group, ImmutableArray<ConsumerClientInfo> clients) =>
        grains.GetGrain<IConsumerGroupGrain>(group).ReportConnectionsAsync(localSilo.SiloAddress, clients);
}
