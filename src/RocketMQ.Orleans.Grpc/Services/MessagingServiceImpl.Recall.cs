using Apache.Rocketmq.V2;
using Grpc.Core;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Grpc.Routing;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Grpc.Services;

public sealed partial class MessagingServiceImpl
{
    /// <summary>
    /// RocketMQ 5.3 recall, as Apache's proxy answers it (ProducerProcessor.recallMessage over the broker's
    /// RecallMessageProcessor): a topic whose type is not DELAY (nor MIXED / unset) is refused as a send would be; every
    /// refusal of the broker, a malformed handle included, is INTERNAL_SERVER_ERROR with the broker's remark.
    /// </summary>
    public override async Task<RecallMessageResponse> RecallMessage(RecallMessageRequest request, ServerCallContext callContext)
    {
        var topic = Resources.Wrap(request.Topic, Resources.Namespace(callContext));
        if (ResourceNames.ValidateTopic(topic) is { } invalid)
        {
            return new RecallMessageResponse { Status = Statuses.Of(Code.IllegalTopic, invalid) };
        }

        try
        {
            if (context.Options.EnableTopicMessageTypeCheck && await Runtime.Topics.GetAsync(topic).ConfigureAwait(false) is { } config
                && TopicMessageTypes.Refusal(config.MessageType, TopicMessageType.Delay) is { } conflict)
            {
                return new RecallMessageResponse { Status = Statuses.Of(Code.MessagePropertyConflictWithType, conflict) };
            }

            if (await OwnerElsewhereAsync(topic, request.RecallHandle, callContext).ConfigureAwait(false) is { } owner)
            {
                // The handle names another broker group: its silo answers, as Apache's proxy sends the recall to the
                // broker the handle names.
                return await context.Peers.ClientFor(owner).RecallMessageAsync(request, GrpcPeers.ForwardedHeaders(callContext.RequestHeaders),
                    deadline: callContext.Deadline, cancellationToken: callContext.CancellationToken).ConfigureAwait(false);
            }

            var outcome = await Runtime.Recall.RecallAsync(topic, request.RecallHandle, producerGroup: null, RemoteEndPoint(callContext),
                callContext.CancellationToken).ConfigureAwait(false);
            return outcome.Code == ResponseCode.Success
                ? new RecallMessageResponse { Status = Statuses.Ok, MessageId = outcome.MessageId ?? string.Empty }
                : new RecallMessageResponse { Status = Statuses.Of(Code.InternalServerError, outcome.Remark ?? outcome.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new RecallMessageResponse { Status = Failed(nameof(RecallMessage), exception) };
        }
    }

    /// <summary>
    /// The gRPC endpoint of another broker group that should answer: the one a well-formed handle names, or, for a
    /// handle that does not decode, a group having the topic when this silo's broker does not (so the refusal is that
    /// broker's, as Apache's 4.x producer falls back to any broker of the topic). Null to answer here, and always for
    /// a call already forwarded once.
    /// </summary>
    private async ValueTask<Endpoints?> OwnerElsewhereAsync(string topic, string handleText, ServerCallContext callContext)
    {
        if (GrpcPeers.IsForwarded(callContext.RequestHeaders))
        {
            return null;
        }

        var local = Runtime.Identity.BrokerName;
        string? owner;
        if (RecallMessageHandle.TryDecode(handleText, out var handle))
        {
            owner = handle.BrokerName;
        }
        else if (await Runtime.Topics.GetAsync(topic).ConfigureAwait(false) is null)
        {
            owner = null;
        }
        else
        {
            return null;
        }

        if (string.Equals(owner, local, StringComparison.Ordinal) || await context.Routes.GetAsync(topic).ConfigureAwait(false) is not { } route)
        {
            return null;
        }

        return route.Brokers.FirstOrDefault(broker => owner is null
            ? !string.Equals(broker.BrokerName, local, StringComparison.Ordinal)
            : string.Equals(broker.BrokerName, owner, StringComparison.Ordinal))?.Endpoints;
    }
}
