using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Filter;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Broker.Processors.Pull;

namespace RocketMQ.Orleans.Broker.Filter;

/// <summary>
/// The SQL92 branch of Apache PullMessageProcessor: an expression sent with the pull is compiled (once per text,
/// through the cache) and refused with SUBSCRIPTION_PARSE_FAILED when it does not compile; without one the filter the
/// group registered in its heartbeat is used, FILTER_DATA_NOT_EXIST / FILTER_DATA_NOT_LATEST when there is none or
/// it is older than the client's subscription.
/// </summary>
internal static class Sql92PullFilter
{
    public static bool TryResolve(BrokerRuntime runtime, PullMessageRequestHeader header, SubscriptionData subscription,
        out Sql92MessageFilter? filter, out int refusalCode, out string? refusalRemark)
    {
        filter = null;
        refusalCode = ResponseCode.Success;
        refusalRemark = null;
        if (PullSysFlag.HasSubscription(header.SysFlag))
        {
            if (!ExpressionTypes.IsSql92(subscription.ExpressionType) || subscription.SubString is not { } expression)
            {
                refusalCode = ResponseCode.SubscriptionParseFailed;
                refusalRemark = "parse the consumer's subscription failed";
                return false;
            }

            if (!runtime.ConsumerFilters.Cache.TryGet(expression, out var compiled, out var error))
            {
                // Apache's remark, followed by the parser's reason (Apache only logs it).
                refusalCode = ResponseCode.SubscriptionParseFailed;
                refusalRemark = "parse the consumer's subscription failed: " + error;
                return false;
            }

            filter = new Sql92MessageFilter(compiled);
            return true;
        }

        var registered = runtime.ConsumerFilters.Get(header.Topic, header.ConsumerGroup);
        if (registered is null)
        {
            refusalCode = ResponseCode.FilterDataNotExist;
            refusalRemark = "The broker's consumer filter data is not exist!Your expression may be wrong!";
            return false;
        }

        if (registered.ClientVersion < header.SubVersion)
        {
            refusalCode = ResponseCode.FilterDataNotLatest;
            refusalRemark = "the consumer's consumer filter data not latest";
            return false;
        }

        filter = new Sql92MessageFilter(registered.Filter);
        return true;
    }
}
