using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// REGISTER_BROKER, UNREGISTER_BROKER and QUERY_DATA_VERSION come from Apache brokers. Here every silo's broker
/// joins through its broker-group grain and Orleans membership, so an outside broker gets a clear refusal
/// instead of a silent success that would leave it out of every route.
/// </summary>
public sealed class BrokerRegistrationProcessor(ILogger<BrokerRegistrationProcessor> logger) : IRequestProcessor
{
    public static IReadOnlyList<int> RequestCodes { get; } =
        [RequestCode.RegisterBroker, RequestCode.UnregisterBroker, RequestCode.QueryDataVersion];

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        NameServerLog.BrokerRegistrationRefused(logger, context.Connection.RemoteEndPoint, request.Code);
        return ValueTask.FromResult<RemotingCommand?>(
            request.CreateResponseTo(ResponseCode.RequestCodeNotSupported, NameServerRemarks.BrokerRegistrationNotSupported));
    }
}
