using RocketMQ.Orleans.Broker.Runtime.Orderly;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Orderly;

/// <summary>
/// LOCK_BATCH_MQ and UNLOCK_BATCH_MQ (Apache AdminBrokerProcessor.lockBatchMQ / unlockBatchMQ): orderly consumers lock
/// the queues they were assigned before consuming them, renew every 20 s and unlock on rebalance or shutdown.
/// </summary>
public sealed class QueueLockProcessor(RebalanceLockManager locks) : IRequestProcessor
{
    public static IReadOnlyList<int> RequestCodes { get; } = [RequestCode.LockBatchMq, RequestCode.UnlockBatchMq];

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<RemotingCommand?>(request.Code switch
        {
            RequestCode.LockBatchMq => Lock(request),
            RequestCode.UnlockBatchMq => Unlock(request),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Unexpected request code."),
        });

    private RemotingCommand Lock(RemotingCommand request)
    {
        if (!RemotingBody.TryDecode<LockBatchRequestBody>(request.Body.Span, out var body) || body is null
            || string.IsNullOrEmpty(body.ConsumerGroup) || string.IsNullOrEmpty(body.ClientId))
        {
            return BadBody(request);
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = new LockBatchResponseBody { LockOKMQSet = locks.TryLockBatch(body.ConsumerGroup, body.MqSet.Distinct(), body.ClientId) }.Encode();
        return response;
    }

    private RemotingCommand Unlock(RemotingCommand request)
    {
        if (!RemotingBody.TryDecode<UnlockBatchRequestBody>(request.Body.Span, out var body) || body is null
            || string.IsNullOrEmpty(body.ConsumerGroup) || string.IsNullOrEmpty(body.ClientId))
        {
            return BadBody(request);
        }

        locks.UnlockBatch(body.ConsumerGroup, body.MqSet, body.ClientId);
        return request.CreateResponseTo(ResponseCode.Success);
    }

    // Apache fails such a request with an exception, which its dispatcher answers as SYSTEM_ERROR.
    private static RemotingCommand BadBody(RemotingCommand request) =>
        request.CreateResponseTo(ResponseCode.SystemError, "the request body must carry consumerGroup, clientId and mqSet");
}
