using Apache.Rocketmq.V2;
using Grpc.Core;
using RocketMQ.Orleans.Abstractions.Contracts;
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
}
