using Status = Apache.Rocketmq.V2.Status;
using Apache.Rocketmq.V2;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Grpc.Services;

public sealed partial class MessagingServiceImpl
{
    /// <summary>Apache's default invisible time when a receive asks for none (auto renew).</summary>
    private static readonly TimeSpan DefaultInvisibleTime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// POP receive: a delivery timestamp, then a Status, then each message (the sequence Apache's proxy writes);
    /// MESSAGE_NOT_FOUND when the long poll ended with nothing.
    /// </summary>
    public override async Task ReceiveMessage(ReceiveMessageRequest request, IServerStreamWriter<ReceiveMessageResponse> responseStream,
        ServerCallContext callContext)
    {
        var group = Resources.Wrap(request.Group, Resources.Namespace(callContext));
        var topicResource = request.MessageQueue?.Topic;
        var topic = Resources.Wrap(topicResource, Resources.Namespace(callContext));
        var cancellationToken = callContext.CancellationToken;
        var (refusal, fifo) = await CheckReceiveAsync(request, group, topic).ConfigureAwait(false);
        if (refusal is not null)
        {
            await responseStream.WriteAsync(new ReceiveMessageResponse { Status = refusal }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var filterExpression = request.FilterExpression;
        if (!PopFilter.TryResolve(Runtime, topic, filterExpression is { Type: FilterType.Sql } ? SubscriptionData.ExpressionTypeSql92 : null, filterExpression?.Expression,
            out var filter, out var filterRefusal, out var filterError))
        {
            // Apache's proxy: ILLEGAL_FILTER_EXPRESSION for an expression that does not compile.
            var status = filterRefusal == PopFilterRefusal.Unsupported
                ? Statuses.Of(Code.Unsupported, "SQL92 filters need the broker's EnablePropertyFilter")
                : Statuses.Of(Code.IllegalFilterExpression, "the filter expression does not parse: " + filterError);
            await responseStream.WriteAsync(new ReceiveMessageResponse { Status = status }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var invisible = request.InvisibleDuration?.ToTimeSpan() ?? DefaultInvisibleTime;
        var poll = request.LongPollingTimeout?.ToTimeSpan() ?? TimeSpan.Zero;
        if (poll > context.Options.MaxLongPollingTimeout)
        {
            poll = context.Options.MaxLongPollingTimeout;
        }

        var batch = request.BatchSize > 0 ? request.BatchSize : context.Options.ReceiveBatchSize;
        // A FIFO group (consumeMessageOrderly) pops in order per queue, as Apache's proxy pops for such a group.
        var pop = new PopRequest(group, topic, batch, invisible, poll) { Filter = filter, Fifo = fifo };
        using var result = await context.Pop.PopAsync(pop, cancellationToken).ConfigureAwait(false);
        if (result.Messages.Count == 0)
        {
            // Apache's proxy (ReceiveMessageResponseStreamWriter): POLLING_FULL is TOO_MANY_REQUESTS "polling full".
            var empty = result.PollingFull ? Statuses.Of(Code.TooManyRequests, "polling full") : Statuses.Of(Code.MessageNotFound, "no new message");
            await responseStream.WriteAsync(new ReceiveMessageResponse { Status = empty }, cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        await responseStream.WriteAsync(new ReceiveMessageResponse { DeliveryTimestamp = Timestamp.FromDateTimeOffset(Runtime.TimeProvider.GetUtcNow()) },
            cancellationToken).ConfigureAwait(false);
        await responseStream.WriteAsync(new ReceiveMessageResponse { Status = Statuses.Ok }, cancellationToken).ConfigureAwait(false);
        var resourceNamespace = topicResource?.ResourceNamespace is { Length: > 0 } own ? own : Resources.Namespace(callContext);
        var invisibleMillis = (long)invisible.TotalMilliseconds;
        foreach (var popped in result.Messages)
        {
            var message = StoredMessageMapper.ToMessage(popped, resourceNamespace, invisibleMillis);
            await responseStream.WriteAsync(new ReceiveMessageResponse { Message = message }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when the receive may go on, with whether the group is FIFO; else the refusal.</summary>
    private async ValueTask<(Status? Refusal, bool Fifo)> CheckReceiveAsync(ReceiveMessageRequest request, string group, string topic)
    {
        if (ResourceNames.ValidateGroup(group) is { } invalidGroup)
        {
            return (Statuses.Of(Code.IllegalConsumerGroup, invalidGroup), false);
        }

        if (request.InvisibleDuration is { } invisible && invisible.ToTimeSpan() <= TimeSpan.Zero)
        {
            return (Statuses.Of(Code.IllegalInvisibleTime, "the invisible duration must be positive"), false);
        }

        var config = ResourceNames.ValidateTopic(topic) is null ? await Runtime.Topics.GetAsync(topic).ConfigureAwait(false) : null;
        if (config is null)
        {
            return (Statuses.Of(Code.TopicNotFound, $"topic {topic} not found"), false);
        }

        var groupConfig = await Runtime.FindSubscriptionGroupAsync(group).ConfigureAwait(false);
        if (groupConfig is null)
        {
            return (Statuses.Of(Code.ConsumerGroupNotFound, $"consumer group {group} not found"), false);
        }

        return groupConfig.ConsumeEnable
            ? (null, groupConfig.ConsumeMessageOrderly)
            : (Statuses.Of(Code.Forbidden, $"consumer group {group} may not consume"), false);
    }

    /// <summary>
    /// Apache's proxy reports a consumer's subscription.fifo from its group's consumeMessageOrderly: the clients
    /// then consume one message of a message group at a time.
    /// </summary>
    private async ValueTask ReportFifoAsync(Settings settings, ServerCallContext callContext)
    {
        if (settings.PubSubCase != Settings.PubSubOneofCase.Subscription || settings.Subscription.Group is not { Name.Length: > 0 } resource)
        {
            return;
        }

        var groupConfig = await Runtime.SubscriptionGroups.GetAsync(Resources.Wrap(resource, Resources.Namespace(callContext))).ConfigureAwait(false);
        settings.Subscription.Fifo = groupConfig?.ConsumeMessageOrderly ?? false;
    }

    public override Task<AckMessageResponse> AckMessage(AckMessageRequest request, ServerCallContext callContext)
    {
        var group = Resources.Wrap(request.Group, Resources.Namespace(callContext));
        var topic = Resources.Wrap(request.Topic, Resources.Namespace(callContext));
        var response = new AckMessageResponse();
        foreach (var entry in request.Entries)
        {
            var status = context.Pop.Ack(group, topic, entry.ReceiptHandle);
            response.Entries.Add(new AckMessageResultEntry { MessageId = entry.MessageId, ReceiptHandle = entry.ReceiptHandle, Status = ToStatus(status) });
        }

        response.Status = response.Entries.All(e => e.Status.Code == Code.Ok) ? Statuses.Ok
            : response.Entries.Count == 1 ? response.Entries[0].Status : Statuses.Of(Code.MultipleResults, "some acks failed");
        return Task.FromResult(response);
    }

    public override Task<ChangeInvisibleDurationResponse> ChangeInvisibleDuration(ChangeInvisibleDurationRequest request, ServerCallContext callContext)
    {
        var invisible = request.InvisibleDuration?.ToTimeSpan() ?? TimeSpan.Zero;
        if (invisible <= TimeSpan.Zero)
        {
            return Task.FromResult(new ChangeInvisibleDurationResponse { Status = Statuses.Of(Code.IllegalInvisibleTime, "the invisible duration must be positive") });
        }

        var ns = Resources.Namespace(callContext);
        var status = context.Pop.ChangeInvisibleTime(Resources.Wrap(request.Group, ns), Resources.Wrap(request.Topic, ns), request.ReceiptHandle, invisible,
            out var handle);
        return Task.FromResult(new ChangeInvisibleDurationResponse { Status = ToStatus(status), ReceiptHandle = handle?.Encode() ?? string.Empty });
    }

    public override async Task<ForwardMessageToDeadLetterQueueResponse> ForwardMessageToDeadLetterQueue(ForwardMessageToDeadLetterQueueRequest request,
        ServerCallContext callContext)
    {
        try
        {
            var ns = Resources.Namespace(callContext);
            var status = await context.Pop.ForwardToDeadLetterAsync(Resources.Wrap(request.Group, ns), Resources.Wrap(request.Topic, ns), request.ReceiptHandle,
                callContext.CancellationToken).ConfigureAwait(false);
            return new ForwardMessageToDeadLetterQueueResponse { Status = ToStatus(status) };
        }
        catch (InvalidOperationException exception)
        {
            return new ForwardMessageToDeadLetterQueueResponse { Status = Failed(nameof(ForwardMessageToDeadLetterQueue), exception) };
        }
    }

    private static Status ToStatus(PopAckStatus status) => status switch
    {
        PopAckStatus.Ok => Statuses.Ok,
        // Apache's proxy: ReceiptHandle.isExpired, then the broker named by the handle, then ReceiptHandle.decode failing.
        PopAckStatus.Expired => Statuses.Of(Code.InvalidReceiptHandle, "receipt handle is expired"),
        PopAckStatus.ForeignBroker => Statuses.Of(Code.InvalidReceiptHandle, "cannot find broker of the receipt handle"),
        PopAckStatus.Unparsable => Statuses.Of(Code.InternalServerError, "Parse failed: the receipt handle is not a POP_CK"),
        _ => Statuses.Of(Code.InvalidReceiptHandle, "receipt handle is not valid here"),
    };
}
