using RocketMQ.Orleans.Filter.Registry;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    /// <summary>
    /// SQL92 expressions registered by consumer heartbeats (Apache ConsumerFilterManager), and the compiled-expression
    /// cache shared with pulls that carry their expression. Held in memory: clients re-register with every heartbeat.
    /// </summary>
    public ConsumerFilterRegistry ConsumerFilters { get; } = new();
}
