using System.Globalization;
using System.Net;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Names;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Broker.Processors.Recall;

/// <summary>What a recall answered: a remoting response code, Apache's remark, and the recalled UNIQ_KEY on success.</summary>
public readonly record struct RecallOutcome(int Code, string? Remark, string? MessageId);

/// <summary>
/// RocketMQ 5.3 recall of a timed message (Apache <c>RecallMessageProcessor</c>), shared by RECALL_MESSAGE and gRPC
/// RecallMessage: after Apache's checks, a cancel marker is put into the timer path, a message of the handle's topic
/// with TIMER_DEL_UNIQKEY = topic+UNIQ_KEY due at the handle's time. The timer skips the named message when its slot
/// comes. Like Apache, the message itself is not looked up: a well-formed handle of this broker still in the future is
/// recalled (an unknown message id cancels nothing).
/// </summary>
public sealed class MessageRecall(BrokerRuntime runtime)
{
    /// <summary>Apache RecallMessageProcessor.RECALL_MESSAGE_TAG.</summary>
    public const string RecallTag = "_RECALL_TAG_";

    /// <summary>
    /// Apache <c>SendMessageProcessor.attachRecallHandle</c>: the handle of a message put into the timer (its TIMER_OUT_MS
    /// + 1), none for a retry topic's message or a message without UNIQ_KEY.
    /// </summary>
    public static string? HandleFor(string brokerName, string realTopic, long timerOutMs, string? uniqueKey) =>
        timerOutMs <= 0 || string.IsNullOrEmpty(uniqueKey) || SystemTopics.IsRetryTopic(realTopic)
            ? null
            : RecallMessageHandle.Build(realTopic, brokerName, timerOutMs + 1, uniqueKey);

    public async ValueTask<RecallOutcome> RecallAsync(string topic, string? handleText, string? producerGroup, IPEndPoint bornHost, CancellationToken ct)
    {
        var options = runtime.Options;
        if (!options.RecallMessageEnable)
            return new(ResponseCode.NoPermission, "recall failed, operation is forbidden", null);
        if (!PermName.IsWriteable(options.BrokerPermission) && !options.AllowRecallWhenBrokerNotWriteable)
            return new(ResponseCode.ServiceNotAvailable, "recall failed, broker service not available", null);
        if (await runtime.Topics.GetAsync(topic).ConfigureAwait(false) is null)
            return new(ResponseCode.TopicNotExist, "recall failed, the topic[" + topic + "] not exist", null);
        if (!RecallMessageHandle.TryDecode(handleText, out var handle))
            return new(ResponseCode.IllegalOperation, RecallMessageHandle.InvalidRemark, null);
        if (!string.Equals(topic, handle.Topic, StringComparison.Ordinal))
            return new(ResponseCode.IllegalOperation, "recall failed, topic not match", null);
        if (!string.Equals(runtime.Identity.BrokerName, handle.BrokerName, StringComparison.Ordinal))
            return new(ResponseCode.IllegalOperation, "recall failed, broker service not available", null);

        long timestamp = long.TryParse(handle.Timestamp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        long timeLeft = timestamp - runtime.Now;
        if (timeLeft <= 0 || timeLeft >= runtime.Store.Options.EffectiveTimerMaxDelayMs)
            return new(ResponseCode.IllegalOperation, "recall failed, timestamp invalid", null);

        var result = await runtime.Store.PutMessageAsync(Marker(handle, producerGroup, bornHost), ct).ConfigureAwait(false);
        return result.Status is PutMessageStatus.PutOk or PutMessageStatus.FlushDiskTimeout or PutMessageStatus.FlushSlaveTimeout or PutMessageStatus.SlaveNotAvailable
            ? new(ResponseCode.Success, null, handle.MessageId)
            : new(ResponseCode.SystemError, "recall failed, execute error", null);
    }

    /// <summary>Apache <c>RecallMessageProcessor.buildMessage</c>.</summary>
    private MessageToStore Marker(RecallMessageHandle handle, string? producerGroup, IPEndPoint bornHost)
    {
        long now = runtime.Now;
        var properties = new List<KeyValuePair<string, string>>(6)
        {
            new(MessageConst.PropertyTags, RecallTag),
            new(ScheduleTopics.PropertyTimerDelUniqKey, ScheduleTopics.DeleteKey(handle.Topic, handle.MessageId)),
            new(MessageConst.PropertyUniqClientMessageIdKeyidx, handle.MessageId),
            new(ScheduleTopics.PropertyTimerDeliverMs, handle.Timestamp),
            new(MessageConst.PropertyBornTimestamp, now.ToString(CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrEmpty(producerGroup))
            properties.Add(new(MessageConst.PropertyProducerGroup, producerGroup));
        return new MessageToStore
        {
            Topic = handle.Topic,
            QueueId = 0,
            Body = "0"u8.ToArray(),
            PropertiesString = MessageProperties.Encode(properties),
            BornTimestamp = now,
            BornHost = bornHost,
            StoreHost = runtime.Identity.StoreHost,
        };
    }
}
