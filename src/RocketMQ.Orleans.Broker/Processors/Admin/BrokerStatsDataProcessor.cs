using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// VIEW_BROKER_STATS_DATA (mqadmin statsAll): Apache answers a BrokerStatsManager item's minute/hour/day figures, and
/// SYSTEM_ERROR "The stats &lt;name&gt; &lt;key&gt; not exist" for an item it has not created (no traffic yet). This
/// broker keeps no per-topic or per-group stats items, so it gives that answer for every item; statsAll then prints
/// zeros for the rates, as it does against an idle Apache broker.
/// </summary>
internal sealed class BrokerStatsDataProcessor : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var name = RequestFields.Required(request, "statsName");
        var key = RequestFields.Required(request, "statsKey");
        return ValueTask.FromResult<RemotingCommand?>(request.CreateResponseTo(ResponseCode.SystemError, $"The stats <{name}> <{key}> not exist"));
    }
}
