using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Broker.Filter;
using RocketMQ.Orleans.Broker.Processors.Names;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;
using SubscriptionGroupConfig = RocketMQ.Orleans.Abstractions.Contracts.SubscriptionGroupConfig;

namespace RocketMQ.Orleans.Broker.Processors.Pull;

/// <summary>
/// PULL_MESSAGE with long polling (Apache PullMessageProcessor). A pull that finds nothing is held in the
/// <see cref="PullRequestHoldService"/> — its task stays pending, no thread waits — and run once more when a matching
/// message arrives or its suspend time is up.
/// </summary>
public sealed class PullMessageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    private readonly ILogger _logger = runtime.LoggerFactory.CreateLogger<PullMessageProcessor>();

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        PullWithHoldAsync(context.Connection, request.ReadHeader<PullMessageRequestHeader>(), cancellationToken);

    /// <summary>
    /// The same pull for a caller in this process (the gRPC PullMessage, as Apache's proxy pulls from its local
    /// broker): no connection, so a held pull ends only by arrival or its suspend time.
    /// </summary>
    public async ValueTask<RemotingCommand> PullLocalAsync(PullMessageRequestHeader header, CancellationToken cancellationToken) =>
        (await PullWithHoldAsync(null, header, cancellationToken).ConfigureAwait(false))!;

    private async ValueTask<RemotingCommand?> PullWithHoldAsync(IRemotingConnection? connection, PullMessageRequestHeader header,
        CancellationToken cancellationToken)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await PullAsync(connection, header, allowSuspend: true, cancellationToken).ConfigureAwait(false);
        Diagnostics.BrokerMetrics.RecordPullLatency(started);
        if (outcome.Hold is not { } hold)
        {
            return outcome.Response;
        }

        Diagnostics.BrokerMetrics.RecordPullSuspended();
        await runtime.PullHold.SuspendAsync(header.Topic, header.QueueId, header.QueueOffset, hold.Filter, hold.Timeout, connection).ConfigureAwait(false);
        if (connection is { IsActive: false })
        {
            // Released because its connection closed: nobody is left to answer.
            return null;
        }

        // Apache re-runs the whole pull on wake-up, without suspending again and without committing the offset again.
        started = System.Diagnostics.Stopwatch.GetTimestamp();
        var again = await PullAsync(connection, header, allowSuspend: false, cancellationToken).ConfigureAwait(false);
        Diagnostics.BrokerMetrics.RecordPullLatency(started);
        return again.Response;
    }

    private async ValueTask<PullOutcome> PullAsync(IRemotingConnection? connection, PullMessageRequestHeader header, bool allowSuspend, CancellationToken cancellationToken)
    {
        var response = RemotingCommand.CreateResponse(ResponseCode.SystemError);
        if (!PermName.IsReadable(runtime.Options.BrokerPermission))
        {
            return Refuse(response, ResponseCode.NoPermission, Remarks.BrokerPullForbidden(runtime.Identity));
        }

        if (NameRefusals.GroupAndTopic(header.ConsumerGroup, header.Topic) is { } invalidName)
        {
            return new PullOutcome(invalidName, null);
        }

        var groupConfig = await runtime.FindSubscriptionGroupAsync(header.ConsumerGroup).ConfigureAwait(false);
        if (groupConfig is null)
        {
            return Refuse(response, ResponseCode.SubscriptionGroupNotExist, Remarks.SubscriptionGroupDoesNotExist(header.ConsumerGroup));
        }

        if (!groupConfig.ConsumeEnable)
        {
            return Refuse(response, ResponseCode.NoPermission, "subscription group no permission, " + header.ConsumerGroup);
        }

        var topicConfig = await runtime.Topics.GetAsync(header.Topic).ConfigureAwait(false);
        if (topicConfig is null)
        {
            return Refuse(response, ResponseCode.TopicNotExist, $"topic[{header.Topic}] not exist, apply first please! {Remarks.SuggestTodo()}");
        }

        if (!PermName.IsReadable(topicConfig.Perm))
        {
            return Refuse(response, ResponseCode.NoPermission, "the topic[" + header.Topic + "] pulling message is forbidden");
        }

        if (header.QueueId < 0 || header.QueueId >= topicConfig.ReadQueueNums)
        {
            return Refuse(response, ResponseCode.SystemError,
                $"queueId[{header.QueueId}] is illegal, topic:[{header.Topic}] topicConfig.readQueueNums:[{topicConfig.ReadQueueNums}] consumer:[{RemoteAddresses.FormatJava(connection?.RemoteEndPoint)}]");
        }

        var subscription = ResolveSubscription(header, groupConfig, response);
        if (subscription is null)
        {
            return new PullOutcome(response, null);
        }

        // Refused before anything is compiled: with property filtering off a client's expression is never parsed.
        if (!SubscriptionFilter.IsTagType(subscription.ExpressionType) && !runtime.Options.EnablePropertyFilter)
        {
            return Refuse(response, ResponseCode.SystemError, "The broker does not support consumer to filter message by " + subscription.ExpressionType);
        }

        Sql92MessageFilter? sqlFilter = null;
        if (!SubscriptionFilter.IsTagType(subscription.ExpressionType)
            && !Sql92PullFilter.TryResolve(runtime, header, subscription, out sqlFilter, out var refusalCode, out var refusalRemark))
        {
            return Refuse(response, refusalCode, refusalRemark!);
        }

        IMessageFilter? filter = sqlFilter ?? SubscriptionFilter.For(subscription);
        using var result = await runtime.Store.GetMessageAsync(header.ConsumerGroup, header.Topic, header.QueueId, header.QueueOffset,
            header.MaxMsgNums, filter, cancellationToken).ConfigureAwait(false);
        response.Remark = StatusName(result.Status);
        // ali-ons reads these four on every answer (FOUND, NOT_FOUND, RETRY, OFFSET_MOVED): always present.
        response.WriteHeader(new PullMessageResponseHeader
        {
            SuggestWhichBrokerId = ControlPlaneDefaults.MasterId,
            NextBeginOffset = result.NextBeginOffset,
            MinOffset = result.MinOffset,
            MaxOffset = result.MaxOffset,
        });
        response.Code = CodeFor(result.Status, header.QueueOffset);

        PullHold? hold = null;
        switch (response.Code)
        {
            case ResponseCode.Success:
                // The seam sends whatever Body references after this returns and offers no "written" callback, so the
                // pooled store buffers are copied once into an exact-size array and returned to the pool right here.
                var body = new byte[result.BufferTotalSize];
                var position = 0;
                for (var i = 0; i < result.MessageCount; i++)
                {
                    var message = result.GetMessage(i).Span;
                    message.CopyTo(body.AsSpan(position));
                    position += message.Length;
                }

                response.Body = body;
                Diagnostics.BrokerMetrics.RecordPulled(header.Topic, header.ConsumerGroup, result.MessageCount, body.Length);
                break;
            case ResponseCode.PullNotFound when allowSuspend && PullSysFlag.HasSuspend(header.SysFlag):
                var timeout = runtime.Options.LongPollingEnable
                    ? Math.Min(header.SuspendTimeoutMillis, runtime.Options.LongPollingMaxSuspendMillis)
                    : runtime.Options.ShortPollingTimeMills;
                hold = new PullHold(filter, TimeSpan.FromMilliseconds(Math.Max(0, timeout)));
                break;
            case ResponseCode.PullOffsetMoved:
                BrokerLog.PullOffsetMoved(_logger, header.Topic, header.QueueId, header.ConsumerGroup, header.QueueOffset, result.NextBeginOffset);
                break;
        }

        if (allowSuspend && PullSysFlag.HasCommitOffset(header.SysFlag) && runtime.Identity.IsMaster)
        {
            runtime.Store.ConsumerOffsets.Commit(header.ConsumerGroup, header.Topic, header.QueueId, header.CommitOffset);
        }

        return new PullOutcome(response, hold);
    }

    /// <summary>The subscription from the request (subscription flag) or from the group's heartbeat; null = refused.</summary>
    private SubscriptionData? ResolveSubscription(PullMessageRequestHeader header, SubscriptionGroupConfig groupConfig, RemotingCommand response)
    {
        if (PullSysFlag.HasSubscription(header.SysFlag))
        {
            try
            {
                return SubscriptionFilter.Build(header.Topic, header.Subscription, header.ExpressionType);
            }
            catch (ArgumentException)
            {
                Refuse(response, ResponseCode.SubscriptionParseFailed, "parse the consumer's subscription failed");
                return null;
            }
        }

        var group = runtime.ConsumerManager.GetConsumerGroupInfo(header.ConsumerGroup);
        if (group is null)
        {
            Refuse(response, ResponseCode.SubscriptionNotExist, "the consumer's group info not exist" + Remarks.SuggestTodo());
            return null;
        }

        if (!groupConfig.ConsumeBroadcastEnable && group.MessageModel == MessageModel.Broadcasting)
        {
            Refuse(response, ResponseCode.NoPermission, "the consumer group[" + header.ConsumerGroup + "] can not consume by broadcast way");
            return null;
        }

        var subscription = group.FindSubscriptionData(header.Topic);
        if (subscription is null)
        {
            Refuse(response, ResponseCode.SubscriptionNotExist, "the consumer's subscription not exist" + Remarks.SuggestTodo());
            return null;
        }

        if (subscription.SubVersion < header.SubVersion)
        {
            Refuse(response, ResponseCode.SubscriptionNotLatest, "the consumer's subscription not latest");
            return null;
        }

        return subscription;
    }

    /// <summary>Apache's GetMessageStatus → response code switch (this broker is always a master).</summary>
    internal static int CodeFor(GetMessageStatus status, long requestOffset) => status switch
    {
        GetMessageStatus.Found => ResponseCode.Success,
        GetMessageStatus.MessageWasRemoving => ResponseCode.PullRetryImmediately,
        GetMessageStatus.NoMatchedLogicQueue or GetMessageStatus.NoMessageInQueue =>
            requestOffset != 0 ? ResponseCode.PullOffsetMoved : ResponseCode.PullNotFound,
        GetMessageStatus.NoMatchedMessage => ResponseCode.PullRetryImmediately,
        GetMessageStatus.OffsetFoundNull => ResponseCode.PullNotFound,
        GetMessageStatus.OffsetOverflowBadly => ResponseCode.PullOffsetMoved,
        GetMessageStatus.OffsetOverflowOne => ResponseCode.PullNotFound,
        GetMessageStatus.OffsetTooSmall => ResponseCode.PullOffsetMoved,
        _ => ResponseCode.SystemError,
    };

    /// <summary>Apache puts the status's Java name in the remark.</summary>
    internal static string StatusName(GetMessageStatus status) => ClientInfoNames.JavaName(status.ToString());

    private static PullOutcome Refuse(RemotingCommand response, int code, string remark)
    {
        response.Code = code;
        response.Remark = remark;
        return new PullOutcome(response, null);
    }

    private readonly record struct PullHold(IMessageFilter? Filter, TimeSpan Timeout);

    private readonly record struct PullOutcome(RemotingCommand Response, PullHold? Hold);
}
