using RocketMQ.Orleans.Filter;
using RocketMQ.Orleans.Filter.Registry;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    /// <summary>
    /// SQL92 expressions registered by consumer heartbeats (Apache ConsumerFilterManager), and the compiled-expression
    /// cache shared with pulls that carry their expression, both compiling within the configured limits. Held in
    /// memory: clients re-register with every heartbeat. Nothing is compiled while property filtering is off.
    /// </summary>
    public ConsumerFilterRegistry ConsumerFilters { get; }

    private static ConsumerFilterRegistry CreateConsumerFilters(BrokerOptions options) =>
        new(new Sql92FilterCache(limits: new Sql92FilterLimits(options.FilterExpressionMaxLength, options.FilterExpressionMaxDepth)));
}
