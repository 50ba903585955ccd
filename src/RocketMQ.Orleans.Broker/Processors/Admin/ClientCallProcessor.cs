using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// The admin codes about one connected client: GET_PRODUCER_CONNECTION_LIST (mqadmin producerConnection) from the
/// producer table, and GET_CONSUMER_RUNNING_INFO / CONSUME_MESSAGE_DIRECTLY (mqadmin consumerStatus,
/// consumeMessage), which Apache's callConsumer forwards to the consumer over its own connection and answers with
/// the consumer's reply; a consumer without a remoting connection is asked through the other transports
/// (<see cref="ClientCallTargets"/>: a RocketMQ 5 client over its Telemetry stream, as Apache's proxy relays them).
/// </summary>
internal sealed class ClientCallProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    /// <summary>Apache Broker2Client.callClient's timeout.</summary>
    private static readonly TimeSpan CallClientTimeout = TimeSpan.FromSeconds(10);

    /// <summary>MQVersion.Version.V3_1_8_SNAPSHOT.ordinal(): older consumers cannot answer these calls.</summary>
    private const int MinimumConsumerVersion = 62;

    public static IReadOnlyList<int> RequestCodes { get; } =
        [RequestCode.GetProducerConnectionList, RequestCode.GetConsumerRunningInfo, RequestCode.ConsumeMessageDirectly];

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code switch
        {
            RequestCode.GetProducerConnectionList => ProducerConnections(request),
            RequestCode.GetConsumerRunningInfo => await CallConsumerAsync(request, default, cancellationToken).ConfigureAwait(false),
            RequestCode.ConsumeMessageDirectly => await ConsumeDirectlyAsync(request, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Unexpected request code."),
        };

    private RemotingCommand ProducerConnections(RemotingCommand request)
    {
        var group = RequestFields.Required(request, "producerGroup");
        var channels = runtime.ProducerManager.GetChannels(group);
        if (channels.Count == 0)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, "the producer group[" + group + "] not exist");
        }

        var body = new ProducerConnection();
        foreach (var channel in channels)
        {
            body.ConnectionSet.Add(new Connection { ClientId = channel.ClientId, ClientAddr = channel.RemoteAddress, Language = channel.Language, Version = channel.Version });
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body.Encode();
        return response;
    }

    /// <summary>Apache consumeMessageDirectly: the stored message named by the offset id travels as the body.</summary>
    private async ValueTask<RemotingCommand> ConsumeDirectlyAsync(RemotingCommand request, CancellationToken cancellationToken)
    {
        request.ExtFields ??= [];
        request.ExtFields["brokerName"] = runtime.Identity.BrokerName;
        ReadOnlyMemory<byte> body = default;
        if (MessageIds.TryParseOffsetMessageId(RequestFields.Optional(request, "msgId"), out _, out var offset))
        {
            using var message = await runtime.Store.ReadMessageAsync(offset, cancellationToken).ConfigureAwait(false);
            body = message?.Span.ToArray() ?? default;
        }

        return await CallConsumerAsync(request, body, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<RemotingCommand> CallConsumerAsync(RemotingCommand request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var group = RequestFields.Required(request, "consumerGroup");
        var clientId = RequestFields.Required(request, "clientId");
        var channel = runtime.ConsumerManager.GetConsumerGroupInfo(group)?.GetChannels()
            .FirstOrDefault(candidate => string.Equals(candidate.ClientId, clientId, StringComparison.Ordinal));
        // A RocketMQ 5 client is listed in the group too, but reached through its transport (the gRPC endpoint's Telemetry).
        if (channel?.Remoting is not { } connection)
        {
            var call = new ClientCall(request, group, clientId, body, CallClientTimeout);
            foreach (var target in ClientCallTargets.For(runtime).Targets)
            {
                if (await target.TryCallAsync(call, cancellationToken).ConfigureAwait(false) is { } answered)
                {
                    return answered;
                }
            }

            return request.CreateResponseTo(ResponseCode.SystemError, $"The Consumer <{group}> <{clientId}> not online");
        }

        if (channel.Version < MinimumConsumerVersion)
        {
            return request.CreateResponseTo(ResponseCode.SystemError,
                $"The Consumer <{clientId}> Version <{channel.Version}> too low to finish, please upgrade it to V3_1_8_SNAPSHOT");
        }

        var forwarded = RemotingCommand.CreateRequest(request.Code, new Dictionary<string, string>(request.ExtFields ?? [], StringComparer.Ordinal),
            body.IsEmpty ? request.Body : body);
        try
        {
            var reply = await connection.InvokeAsync(forwarded, CallClientTimeout, cancellationToken).ConfigureAwait(false);
            // The consumer's answer as is (Apache returns it), under the admin's opaque.
            var response = request.CreateResponseTo(reply.Code, reply.Remark);
            response.ExtFields = reply.ExtFields;
            response.Body = reply.Body;
            return response;
        }
        catch (RemotingTimeoutException exception)
        {
            return request.CreateResponseTo(ResponseCode.ConsumeMsgTimeout, $"consumer <{group}> <{clientId}> Timeout: {exception.Message}");
        }
        catch (Exception exception) when (exception is RemotingConnectionException or IOException)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, $"invoke consumer <{group}> <{clientId}> Exception: {exception.Message}");
        }
    }
}
