using Apache.Rocketmq.V2;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Grpc.Hosting;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// An admin's call to a RocketMQ 5 consumer, relayed over its Telemetry stream as Apache's proxy does
/// (<c>GrpcClientChannel</c>, <c>ClientActivity.reportThreadStackTrace</c>/<c>reportVerifyMessageResult</c>):
/// GET_CONSUMER_RUNNING_INFO with jstack becomes a <see cref="PrintThreadStackTraceCommand"/>, CONSUME_MESSAGE_DIRECTLY a
/// <see cref="VerifyMessageCommand"/> carrying the stored message; the client's answer, matched by nonce, becomes
/// the remoting answer. Running info without jstack is answered from what the server knows of the client (Apache's
/// proxy leaves that call to time out).
/// </summary>
internal sealed class GrpcClientCallTarget(GrpcClients clients, TelemetryCalls calls, ILogger logger) : IClientCallTarget
{
    public async ValueTask<RemotingCommand?> TryCallAsync(ClientCall call, CancellationToken cancellationToken)
    {
        if (clients.Find(call.ClientId) is not { } stream || !string.Equals(stream.ConsumerGroup, call.ConsumerGroup, StringComparison.Ordinal))
        {
            return null;
        }

        var request = call.Request;
        if (request.Code == RequestCode.GetConsumerRunningInfo && !JstackRequested(request))
        {
            return Success(request, RunningInfo(stream, jstack: null));
        }

        MessageExt? stored = null;
        if (request.Code == RequestCode.ConsumeMessageDirectly && !StoredMessageDecoder.TryDecode(call.StoredMessage.Span, out stored))
        {
            return request.CreateResponseTo(ResponseCode.SystemError, $"no stored message for msgId <{request.ExtFields?.GetValueOrDefault("msgId")}> to consume directly");
        }

        var (nonce, answer) = calls.Start();
        try
        {
            var command = stored is null
                ? new TelemetryCommand { PrintThreadStackTraceCommand = new PrintThreadStackTraceCommand { Nonce = nonce } }
                : new TelemetryCommand { VerifyMessageCommand = new VerifyMessageCommand { Nonce = nonce, Message = StoredMessageMapper.ToMessage(stored, stream.Namespace) } };
            await stream.WriteAsync(command).AsTask().WaitAsync(call.Timeout, cancellationToken).ConfigureAwait(false);
            GrpcLog.ClientCallSent(logger, command.CommandCase.ToString(), stream.ClientId);
            var reply = await answer.WaitAsync(call.Timeout, cancellationToken).ConfigureAwait(false);
            return stored is null ? StackTraced(request, stream, reply) : Verified(request, reply.Status);
        }
        catch (TimeoutException exception)
        {
            return request.CreateResponseTo(ResponseCode.ConsumeMsgTimeout, $"consumer <{call.ConsumerGroup}> <{call.ClientId}> Timeout: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The stream closed while the command was written.
            return request.CreateResponseTo(ResponseCode.SystemError, $"invoke consumer <{call.ConsumerGroup}> <{call.ClientId}> Exception: {exception.Message}");
        }
        finally
        {
            calls.Forget(nonce);
        }
    }

    private static bool JstackRequested(RemotingCommand request) =>
        request.ExtFields is { } fields && fields.TryGetValue("jstackEnable", out var value) && bool.TryParse(value, out var enabled) && enabled;

    private static RemotingCommand StackTraced(RemotingCommand request, TelemetryStream stream, TelemetryCommand reply) => reply.Status?.Code switch
    {
        Code.Ok => Success(request, RunningInfo(stream, reply.ThreadStackTrace?.ThreadStackTrace_ ?? string.Empty)),
        Code.VerifyFifoMessageUnsupported => request.CreateResponseTo(ResponseCode.NoPermission, "forbidden to verify message"),
        var code => request.CreateResponseTo(ResponseCode.SystemError, $"the client did not print its thread stack: {code} {reply.Status?.Message}"),
    };

    /// <summary>Apache's mapping of the client's status; a status it does not name leaves the result unset.</summary>
    private static RemotingCommand Verified(RemotingCommand request, Status? status)
    {
        var result = new ConsumeMessageDirectlyResult
        {
            ConsumeResult = status?.Code switch
            {
                Code.Ok => "CR_SUCCESS",
                Code.FailedToConsumeMessage => "CR_LATER",
                Code.MessageCorrupted => "CR_RETURN_NULL",
                _ => null,
            },
            Remark = "from gRPC client",
        };
        return Success(request, result.Encode());
    }

    private static byte[] RunningInfo(TelemetryStream stream, string? jstack)
    {
        var info = new ConsumerRunningInfo { Jstack = jstack };
        info.Properties[ConsumerRunningInfo.PropConsumeType] = JavaEnumNames.Of(stream.ConsumeType);
        return info.Encode();
    }

    private static RemotingCommand Success(RemotingCommand request, byte[] body)
    {
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body;
        return response;
    }
}
