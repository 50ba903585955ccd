using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Filter;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Filter;

/// <summary>
/// CHECK_CLIENT_CONFIG (Apache ClientManageProcessor.checkClientConfig): Java consumers with a SQL92 subscription ask
/// on start whether the broker filters by properties and whether their expression compiles; the answer carries the
/// parser's message. Tag subscriptions and requests without a subscription always pass.
/// </summary>
public sealed class CheckClientConfigProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        var body = request.Body.IsEmpty ? null : RemotingBody.Decode<CheckClientRequestBody>(request.Body.Span);
        if (body?.SubscriptionData is not { } subscription || ExpressionTypes.IsTagType(subscription.ExpressionType))
        {
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        if (!runtime.Options.EnablePropertyFilter)
        {
            response.Code = ResponseCode.SystemError;
            response.Remark = "The broker does not support consumer to filter message by " + subscription.ExpressionType;
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        string? error = null;
        if (!ExpressionTypes.IsSql92(subscription.ExpressionType))
        {
            error = "Unsupported expression type: " + subscription.ExpressionType;
        }
        else if (subscription.SubString is null)
        {
            error = "Expression can't be null!";
        }
        else
        {
            runtime.ConsumerFilters.Cache.TryGet(subscription.SubString, out _, out error);
        }

        if (error is not null)
        {
            response.Code = ResponseCode.SubscriptionParseFailed;
            response.Remark = error;
        }

        return ValueTask.FromResult<RemotingCommand?>(response);
    }
}
