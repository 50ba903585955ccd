using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Pop;

/// <summary>
/// ACK_MESSAGE and BATCH_ACK_MESSAGE (Apache 5 AckMessageProcessor): ends popped messages for good. The message is
/// named by its POP_CK (extraInfo) with the header's queue id and offset, or by a batch entry's start offset and bit
/// set. An expired or unknown handle answers NO_MESSAGE (the Java client's NO_EXIST); acking twice is SUCCESS.
/// </summary>
public sealed class AckMessageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    private const string Retry = "0";

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code == RequestCode.BatchAckMessage ? BatchAck(request) : await AckAsync(request).ConfigureAwait(false);

    private async ValueTask<RemotingCommand> AckAsync(RemotingCommand request)
    {
        var header = request.ReadHeader<AckMessageRequestHeader>();
        var (refusal, handle) = await ResolveAsync(runtime, header.Topic, header.QueueId, header.Offset, header.ExtraInfo).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        // Apache's broker answers SUCCESS once the offset is in the queue: it writes the ack whatever is in flight, and
        // an expired handle still acks a message not redelivered yet.
        runtime.Pop.Ack(header.ConsumerGroup, header.Topic, handle, refuseExpired: false);
        return RemotingCommand.CreateResponse(ResponseCode.Success);
    }

    private RemotingCommand BatchAck(RemotingCommand request)
    {
        BatchAckMessageRequestBody body;
        try
        {
            body = RemotingBody.Decode<BatchAckMessageRequestBody>(request.Body.Span);
        }
        catch (Exception exception) when (exception is RemotingProtocolException or FormatException)
        {
            return PopRequestChecks.Refuse(ResponseCode.NoMessage, "the batch ack body does not parse: " + exception.Message);
        }

        foreach (var ack in body.Acks)
        {
            foreach (var offset in ack.Offsets())
            {
                // As Apache, one entry's failure does not fail the batch: that message is delivered again.
                runtime.Pop.Ack(ack.ConsumerGroup, ack.Topic, new PopReceiptHandle(ack.StartOffset, ack.PopTime, ack.InvisibleTime, ack.ReviveQueueId,
                    ack.Retry != Retry, body.BrokerName, ack.QueueId, offset, -1));
            }
        }

        return RemotingCommand.CreateResponse(ResponseCode.Success);
    }

    /// <summary>
    /// Apache's checks of an ack or change of invisible time (topic exists, queue id within it, offset within the
    /// queue) and the handle: the POP_CK, with the header's queue id and offset.
    /// </summary>
    internal static async ValueTask<(RemotingCommand? Refusal, PopReceiptHandle Handle)> ResolveAsync(BrokerRuntime runtime, string topic, int queueId,
        long offset, string extraInfo)
    {
        var config = await runtime.Topics.GetAsync(topic).ConfigureAwait(false);
        if (config is null)
        {
            return (PopRequestChecks.Refuse(ResponseCode.TopicNotExist, $"topic[{topic}] not exist, apply first please! {Remarks.SuggestTodo()}"), default);
        }

        if (queueId < 0 || queueId >= config.ReadQueueNums)
        {
            return (PopRequestChecks.Refuse(ResponseCode.MessageIllegal,
                $"queueId[{queueId}] is illegal, topic:[{topic}] topicConfig.readQueueNums:[{config.ReadQueueNums}]"), default);
        }

        if (!PopReceiptHandle.TryParse(extraInfo, out var parsed))
        {
            return (PopRequestChecks.Refuse(ResponseCode.MessageIllegal, "extraInfo is not a POP_CK: " + extraInfo), default);
        }

        var handle = parsed.Value with { QueueId = queueId, QueueOffset = offset };
        // A retry-topic message's offset is of the group's retry queue: only the topic's own offsets are checked here.
        var (min, max) = (runtime.Store.GetMinOffsetInQueue(topic, queueId), runtime.Store.GetMaxOffsetInQueue(topic, queueId));
        if (!handle.Retry && (offset < min || offset >= max))
        {
            return (PopRequestChecks.Refuse(ResponseCode.NoMessage, $"offset is illegal, key:{topic}@{queueId}, commit:{offset}, store:{min},{max}"), default);
        }

        return (null, handle);
    }
}
