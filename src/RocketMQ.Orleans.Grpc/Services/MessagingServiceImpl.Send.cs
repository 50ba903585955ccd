using Status = Apache.Rocketmq.V2.Status;
using System.Globalization;
using System.Net;
using System.Text;
using Apache.Rocketmq.V2;
using Grpc.Core;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Processors.Recall;
using RocketMQ.Orleans.Broker.Transactions;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Grpc.Services;

public sealed partial class MessagingServiceImpl
{
    /// <summary>Above this, a thread's properties builder is dropped after use rather than kept (one huge message does not pin memory).</summary>
    private const int MaxRetainedBuilderCapacity = 4096;

    [ThreadStatic]
    private static StringBuilder? t_propertiesBuilder;

    public override async Task<SendMessageResponse> SendMessage(SendMessageRequest request, ServerCallContext callContext)
    {
        var response = new SendMessageResponse();
        if (request.Messages.Count == 0)
        {
            response.Status = Statuses.Of(Code.BadRequest, "no message to send");
            return response;
        }

        var bornHost = RemoteEndPoint(callContext);
        var headerNamespace = Resources.Namespace(callContext);
        foreach (var message in request.Messages)
        {
            SendResultEntry entry;
            try
            {
                entry = await SendOneAsync(message, bornHost, headerNamespace, callContext.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                entry = new SendResultEntry { Status = Failed(nameof(SendMessage), exception), MessageId = message.SystemProperties?.MessageId ?? string.Empty };
            }

            response.Entries.Add(entry);
        }

        response.Status = AllOk(response.Entries) ? Statuses.Ok
            : response.Entries.Count == 1 ? response.Entries[0].Status : Statuses.Of(Code.MultipleResults, "some messages were not sent");
        return response;
    }

    private async Task<SendResultEntry> SendOneAsync(Message message, IPEndPoint bornHost, string headerNamespace, CancellationToken cancellationToken)
    {
        var system = message.SystemProperties ?? new SystemProperties();
        var entry = new SendResultEntry { MessageId = system.MessageId };
        var topic = Resources.Wrap(message.Topic, headerNamespace);
        var config = ResourceNames.ValidateTopic(topic) is null ? await Runtime.Topics.GetAsync(topic).ConfigureAwait(false) : null;
        if (config is null)
        {
            entry.Status = Statuses.Of(Code.TopicNotFound, $"topic {topic} not found");
            return entry;
        }

        if (!PermName.IsWriteable(config.Perm) || !PermName.IsWriteable(Runtime.Options.BrokerPermission))
        {
            entry.Status = Statuses.Of(Code.Forbidden, $"topic {topic} is not writeable on broker {Runtime.Identity.BrokerName}");
            return entry;
        }

        var messageType = TopicMessageTypes.Of(system);
        if (context.Options.EnableTopicMessageTypeCheck && TopicMessageTypes.Refusal(config.MessageType, messageType) is { } conflict)
        {
            entry.Status = Statuses.Of(Code.MessagePropertyConflictWithType, conflict);
            return entry;
        }

        var transactional = messageType == TopicMessageType.Transaction;
        if (transactional && Runtime.Options.RejectTransactionMessage)
        {
            entry.Status = Statuses.Of(Code.Forbidden, "the broker[" + Runtime.Identity.StoreHost.Address + "] sending transaction message is forbidden");
            return entry;
        }

        var body = message.Body.Memory;
        if (body.Length > context.Options.MaxBodySize)
        {
            entry.Status = Statuses.Of(Code.MessageBodyTooLarge, $"message body is {body.Length} bytes, more than {context.Options.MaxBodySize}");
            return entry;
        }

        if (!BodyDigests.Matches(system.BodyDigest, body.Span))
        {
            entry.Status = Statuses.Of(Code.MessageCorrupted, "the message body does not match its digest");
            return entry;
        }

        var queueId = system.MessageGroup is { Length: > 0 } messageGroup && config.WriteQueueNums > 0
            ? MessageGroupQueues.Of(messageGroup, config.WriteQueueNums)
            : system.QueueId >= 0 && system.QueueId < config.WriteQueueNums
                ? system.QueueId
                : Random.Shared.Next(Math.Max(1, config.WriteQueueNums));
        var toStore = new MessageToStore
        {
            Topic = topic,
            QueueId = queueId,
            Body = body,
            PropertiesString = StoredProperties(message, system, transactional ? topic : null),
            BornTimestamp = system.BornTimestamp?.ToDateTimeOffset().ToUnixTimeMilliseconds() ?? Runtime.Now,
            BornHost = bornHost,
            StoreHost = Runtime.Identity.StoreHost,
            SysFlag = config.TopicFilterType == TopicFilterType.MultiTag ? MessageSysFlag.MultiTagsFlag : 0,
        };
        if (transactional)
        {
            // Stored as the remoting path stores TRAN_MSG=true: a half message in RMQ_SYS_TRANS_HALF_TOPIC.
            toStore = TransactionalMessageService.ToHalfMessage(toStore);
        }

        var result = await Runtime.Store.PutMessageAsync(toStore, cancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            entry.Status = Statuses.Of(result.Status switch
            {
                PutMessageStatus.MessageIllegal => Code.BadRequest,
                PutMessageStatus.PropertiesSizeExceeded => Code.MessagePropertiesTooLarge,
                PutMessageStatus.FlushDiskTimeout or PutMessageStatus.FlushSlaveTimeout => Code.MasterPersistenceTimeout,
                PutMessageStatus.ServiceNotAvailable or PutMessageStatus.OsPageCacheBusy => Code.TooManyRequests,
                _ => Code.InternalServerError,
            }, result.Reason ?? result.Status.ToString());
            return entry;
        }

        entry.Status = Statuses.Ok;
        entry.Offset = result.QueueOffset;
        var offsetMessageId = MessageIds.CreateOffsetMessageId(Runtime.Identity.StoreHost, result.PhysicalOffset);
        entry.TransactionId = transactional ? TransactionIds.Encode(offsetMessageId, result.QueueOffset) : offsetMessageId;
        if (string.IsNullOrEmpty(entry.MessageId))
        {
            entry.MessageId = offsetMessageId;
        }

        // Set for a timed message put into the timer, as Apache's broker attaches it to the send response.
        entry.RecallHandle = MessageRecall.HandleFor(Runtime.Identity.BrokerName, topic, result.TimerOutMs, system.MessageId) ?? string.Empty;

        return entry;
    }

    /// <summary>
    /// v2 system properties as RocketMQ stores them, encoded: TAGS, KEYS, UNIQ_KEY, timer, sharding key, CLUSTER; a
    /// transactional message also TRAN_MSG, its producer group (the topic, as Apache's proxy sets it: checks ask the
    /// topic's producers) and, when the producer set one, its orphaned-transaction recovery time as the check immunity.
    /// Written straight into one builder per thread: no pair list and no builder per send.
    /// </summary>
    private string StoredProperties(Message message, SystemProperties system, string? producerGroup)
    {
        var builder = t_propertiesBuilder ??= new StringBuilder(256);
        builder.Clear();
        foreach (var (name, value) in message.UserProperties)
        {
            if (!SystemPropertyNames.All.Contains(name))
            {
                MessageProperties.AppendPair(builder, name, value);
            }
        }

        if (system.HasTag && system.Tag.Length > 0)
        {
            MessageProperties.AppendPair(builder, MessageConst.PropertyTags, system.Tag);
        }

        if (system.Keys.Count > 0)
        {
            MessageProperties.AppendPair(builder, MessageConst.PropertyKeys, string.Join(MessageConst.KeySeparator, system.Keys));
        }

        if (system.MessageId.Length > 0)
        {
            MessageProperties.AppendPair(builder, MessageConst.PropertyUniqClientMessageIdKeyidx, system.MessageId);
        }

        if (system.DeliveryTimestamp is { } delivery)
        {
            MessageProperties.AppendPair(builder, ScheduleTopics.PropertyTimerDeliverMs,
                delivery.ToDateTimeOffset().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }

        if (system.HasMessageGroup && system.MessageGroup.Length > 0)
        {
            MessageProperties.AppendPair(builder, SystemPropertyNames.MessageGroup, system.MessageGroup);
        }

        if (system.BornHost.Length > 0)
        {
            MessageProperties.AppendPair(builder, SystemPropertyNames.BornHost, system.BornHost);
        }

        if (producerGroup is not null)
        {
            MessageProperties.AppendPair(builder, MessageConst.PropertyTransactionPrepared, "true");
            MessageProperties.AppendPair(builder, MessageConst.PropertyProducerGroup, producerGroup);
            if (system.OrphanedTransactionRecoveryDuration is { } recovery)
            {
                MessageProperties.AppendPair(builder, MessageConst.PropertyCheckImmunityTimeInSeconds,
                    ((long)recovery.ToTimeSpan().TotalSeconds).ToString(CultureInfo.InvariantCulture));
            }
        }

        MessageProperties.AppendPair(builder, MessageConst.PropertyCluster, Runtime.Identity.ClusterName);
        var encoded = builder.ToString();
        if (builder.Capacity > MaxRetainedBuilderCapacity)
        {
            t_propertiesBuilder = null;
        }

        return encoded;
    }

    private static bool AllOk(Google.Protobuf.Collections.RepeatedField<SendResultEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Status.Code != Code.Ok)
            {
                return false;
            }
        }

        return true;
    }

    private static IPEndPoint RemoteEndPoint(ServerCallContext callContext)
    {
        var connection = callContext.GetHttpContext().Connection;
        return new IPEndPoint(connection.RemoteIpAddress?.MapToIPv4() ?? IPAddress.Loopback, connection.RemotePort);
    }
}
