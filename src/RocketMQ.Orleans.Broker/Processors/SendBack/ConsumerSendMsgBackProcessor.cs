using System.Text;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Processors.Names;
using RocketMQ.Orleans.Broker.Processors.Send;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.SendBack;

/// <summary>
/// CONSUMER_SEND_MSG_BACK (Apache SendMessageProcessor.asyncConsumerSendMsgBack): a message the consumer failed is
/// stored again in %RETRY%group with one more reconsume time, or in %DLQ%group once it reached the maximum. A retry
/// the store refuses for good (too large once the retry properties are added) goes to the DLQ, or is dropped with a
/// log line and a metric when that is refused too: answering an error would have the consumer send it back for ever.
/// </summary>
public sealed class ConsumerSendMsgBackProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    private readonly ILogger _logger = runtime.LoggerFactory.CreateLogger<ConsumerSendMsgBackProcessor>();

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = request.ReadHeader<ConsumerSendMsgBackRequestHeader>();
        if (NameRefusals.Group(header.Group) is { } invalid)
        {
            return invalid;
        }

        var groupConfig = await runtime.FindSubscriptionGroupAsync(header.Group).ConfigureAwait(false);
        if (groupConfig is null)
        {
            return Answer(ResponseCode.SubscriptionGroupNotExist, Remarks.SubscriptionGroupNotExist(header.Group));
        }

        if (!PermName.IsWriteable(runtime.Options.BrokerPermission))
        {
            return Answer(ResponseCode.NoPermission, Remarks.BrokerSendForbidden(runtime.Identity));
        }

        if (groupConfig.RetryQueueNums <= 0)
        {
            return Answer(ResponseCode.Success, null);
        }

        var topic = SystemTopics.GetRetryTopic(header.Group);
        var queueId = Random.Shared.Next(99_999_999) % groupConfig.RetryQueueNums;
        var topicSysFlag = header.UnitMode ? TopicSysFlags.Build(unit: false, hasUnitSub: true) : 0;
        var topicConfig = await runtime.GetOrCreateSystemTopicAsync(topic, groupConfig.RetryQueueNums, PermName.ReadWrite, topicSysFlag).ConfigureAwait(false);
        if (topicConfig is null)
        {
            return Answer(ResponseCode.SystemError, "topic[" + topic + "] not exist");
        }

        if (!PermName.IsWriteable(topicConfig.Perm))
        {
            return Answer(ResponseCode.NoPermission, $"the topic[{topic}] sending message is forbidden");
        }

        using var stored = await runtime.Store.ReadMessageAsync(header.Offset, cancellationToken).ConfigureAwait(false);
        if (stored is null || !StoredMessageView.TryParse(stored.Span, out _))
        {
            return Answer(ResponseCode.SystemError, "look message by offset failed, " + header.Offset);
        }

        var original = OriginalMessage.Read(stored.Span);
        var maxReconsumeTimes = groupConfig.RetryMaxTimes;
        if (request.Version >= SendMessageProcessor.Version349 && header.MaxReconsumeTimes is { } fromClient)
        {
            maxReconsumeTimes = fromClient;
        }

        int delayLevel;
        if (original.ReconsumeTimes >= maxReconsumeTimes || header.DelayLevel < 0)
        {
            topic = SystemTopics.GetDlqTopic(header.Group);
            queueId = Random.Shared.Next(99_999_999) % SystemTopics.DlqNumsPerGroup;
            if (await runtime.GetOrCreateSystemTopicAsync(topic, SystemTopics.DlqNumsPerGroup, PermName.ReadWrite, 0).ConfigureAwait(false) is null)
            {
                return Answer(ResponseCode.SystemError, "topic[" + topic + "] not exist");
            }

            delayLevel = 0;
        }
        else
        {
            delayLevel = header.DelayLevel == 0 ? 3 + original.ReconsumeTimes : header.DelayLevel;
        }

        // RETRY_TOPIC keeps the first topic (ali-ons drops redelivered messages without it) and ORIGIN_MESSAGE_ID the
        // first id. The DELAY level makes the store park the retry in SCHEDULE_TOPIC_XXXX until its level is due.
        var properties = PropertiesText.Edit(original.Properties, [],
        [
            new(MessageConst.PropertyRetryTopic, PropertiesText.Get(original.Properties, MessageConst.PropertyRetryTopic) ?? original.Topic),
            new(MessageConst.PropertyDelayTimeLevel, delayLevel.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(MessageConst.PropertyOriginMessageId, PropertiesText.Get(original.Properties, MessageConst.PropertyOriginMessageId) is { Length: > 0 } origin
                ? origin
                : original.MsgId),
        ]);
        var message = new MessageToStore
        {
            Topic = topic,
            QueueId = queueId,
            Flag = original.Flag,
            Body = original.Body,
            PropertiesString = properties,
            SysFlag = original.SysFlag,
            BornTimestamp = original.BornTimestamp,
            BornHost = original.BornHost,
            StoreHost = original.StoreHost,
            ReconsumeTimes = original.ReconsumeTimes + 1,
        };
        var result = await runtime.Store.PutMessageAsync(message, cancellationToken).ConfigureAwait(false);
        if (!result.IsOk && result.Status.IsPermanentFailure())
        {
            return await PoisonAsync(header, message, result, cancellationToken).ConfigureAwait(false);
        }

        return result.IsOk
            ? Answer(ResponseCode.Success, null)
            : Answer(ResponseCode.SystemError, ClientInfoNames.JavaName(result.Status.ToString()));
    }

    /// <summary>A retry that can never be stored: to the DLQ without its delay, else dropped; either way answered SUCCESS.</summary>
    private async ValueTask<RemotingCommand?> PoisonAsync(ConsumerSendMsgBackRequestHeader header, MessageToStore message, PutMessageResult failed,
        CancellationToken cancellationToken)
    {
        var dlqTopic = SystemTopics.GetDlqTopic(header.Group);
        if (message.Topic != dlqTopic
            && await runtime.GetOrCreateSystemTopicAsync(dlqTopic, SystemTopics.DlqNumsPerGroup, PermName.ReadWrite, 0).ConfigureAwait(false) is not null)
        {
            var toDlq = new MessageToStore
            {
                Topic = dlqTopic,
                QueueId = Random.Shared.Next(SystemTopics.DlqNumsPerGroup),
                Flag = message.Flag,
                Body = message.Body,
                PropertiesString = PropertiesText.Edit(message.PropertiesString!, [MessageConst.PropertyDelayTimeLevel], []),
                SysFlag = message.SysFlag,
                BornTimestamp = message.BornTimestamp,
                BornHost = message.BornHost,
                StoreHost = message.StoreHost,
                ReconsumeTimes = message.ReconsumeTimes,
            };
            var stored = await runtime.Store.PutMessageAsync(toDlq, cancellationToken).ConfigureAwait(false);
            if (stored.IsOk)
            {
                SendBackLog.PoisonMovedToDlq(_logger, header.Offset, header.Group, message.Topic, failed.Status, failed.Reason, dlqTopic);
                Diagnostics.BrokerMetrics.RecordPoisonSendBack("dlq");
                return Answer(ResponseCode.Success, null);
            }

            if (!stored.Status.IsPermanentFailure())
            {
                return Answer(ResponseCode.SystemError, ClientInfoNames.JavaName(stored.Status.ToString()));
            }
        }

        SendBackLog.PoisonDropped(_logger, header.Offset, header.Group, message.Topic, failed.Status, failed.Reason);
        Diagnostics.BrokerMetrics.RecordPoisonSendBack("dropped");
        return Answer(ResponseCode.Success, null);
    }

    private static RemotingCommand Answer(int code, string? remark) => RemotingCommand.CreateResponse(code, remark);

    /// <summary>What a send-back copies from the stored message (read out of the pooled buffer before any await).</summary>
    private sealed record OriginalMessage(
        string Topic, int Flag, byte[] Body, string Properties, int SysFlag, long BornTimestamp,
        System.Net.IPEndPoint BornHost, System.Net.IPEndPoint StoreHost, int ReconsumeTimes, string MsgId)
    {
        public static OriginalMessage Read(ReadOnlySpan<byte> stored)
        {
            StoredMessageView.TryParse(stored, out var view);
            return new OriginalMessage(
                Encoding.UTF8.GetString(view.TopicUtf8),
                view.Flag,
                view.Body.ToArray(),
                Encoding.UTF8.GetString(view.PropertiesUtf8),
                view.SysFlag,
                view.BornTimestamp,
                view.GetBornHost(),
                view.GetStoreHost(),
                view.ReconsumeTimes,
                view.CreateOffsetMessageId());
        }
    }
}
