using System.Text;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Send;

public sealed partial class SendMessageProcessor
{
    private async ValueTask<RemotingCommand?> SendBatchAsync(IRemotingConnection connection, RemotingCommand request, SendMessageRequestHeader header, CancellationToken cancellationToken)
    {
        var response = CreateResponse();
        var topicConfig = await _check.CheckAsync(connection, header, response).ConfigureAwait(false);
        if (topicConfig is null)
        {
            return response;
        }

        var queueId = header.QueueId < 0 ? RandomQueueId(topicConfig.WriteQueueNums) : header.QueueId;
        if (header.Topic.Length > sbyte.MaxValue)
        {
            response.Code = ResponseCode.MessageIllegal;
            response.Remark = "message topic length too long " + header.Topic.Length;
            return response;
        }

        var sysFlag = SysFlagFor(topicConfig, header.SysFlag);
        var delay = PropertiesText.Get(header.Properties, MessageConst.PropertyDelayTimeLevel);
        // Apache's store refuses batches that are transactional or delayed (MESSAGE_ILLEGAL).
        if ((sysFlag & MessageSysFlag.TransactionRollbackType) != 0 || (int.TryParse(delay, out var level) && level > 0))
        {
            PutResultResponses.Apply(response, PutMessageResult.Failed(PutMessageStatus.MessageIllegal, "batch"), _runtime.Store);
            return response;
        }

        var batchProperties = BatchProperties(header.Properties);
        var entries = MessageBatchCodec.Decode(request.Body);
        var bornHost = RemoteAddresses.ToIPEndPoint(connection.RemoteEndPoint);
        var messages = new List<MessageToStore>(entries.Count);
        foreach (var entry in entries)
        {
            messages.Add(new MessageToStore
            {
                Topic = header.Topic,
                QueueId = queueId,
                Flag = entry.Flag,
                Body = entry.Body,
                PropertiesString = MergeProperties(entry.PropertiesUtf8.Span, batchProperties),
                SysFlag = sysFlag,
                BornTimestamp = header.BornTimestamp,
                BornHost = bornHost,
                StoreHost = _runtime.Identity.StoreHost,
                ReconsumeTimes = header.ReconsumeTimes ?? 0,
            });
        }

        var result = await _runtime.Store.PutMessagesAsync(messages, cancellationToken).ConfigureAwait(false);
        if (PutResultResponses.Apply(response, result, _runtime.Store))
        {
            Diagnostics.BrokerMetrics.RecordStored(header.Topic, result.MessageCount, result.WroteBytes);
            response.WriteHeader(new SendMessageResponseHeader
            {
                MsgId = await BatchMessageIdsAsync(header.Topic, queueId, result, cancellationToken).ConfigureAwait(false),
                QueueId = queueId,
                QueueOffset = result.QueueOffset,
            });
        }

        return response;
    }

    /// <summary>The batch-level properties Apache appends to every message: the header's, WAIT dropped, plus CLUSTER.</summary>
    private KeyValuePair<string, string>[] BatchProperties(string? headerProperties)
    {
        var text = PropertiesText.Edit(headerProperties, [MessageConst.PropertyWaitStoreMsgOk], _clusterProperty);
        return [.. MessageProperties.Decode(text)];
    }

    /// <summary>
    /// A message's own properties followed by the batch's. Unlike Apache 4.9.8, which appends the batch pairs blindly,
    /// a pair the message already has is not repeated, so each message keeps its own UNIQ_KEY.
    /// </summary>
    private static string MergeProperties(ReadOnlySpan<byte> ownUtf8, KeyValuePair<string, string>[] batch)
    {
        var own = Encoding.UTF8.GetString(ownUtf8);
        var extra = batch.Where(pair => !PropertiesText.Contains(own, pair.Key)).ToArray();
        return PropertiesText.Edit(own, [], extra);
    }

    /// <summary>
    /// Apache answers a batch with the offset ids of all its messages, comma-joined. The store reports the first
    /// message's physical offset; the others are read back from the consume queue once dispatched.
    /// </summary>
    private async ValueTask<string> BatchMessageIdsAsync(string topic, int queueId, PutMessageResult result, CancellationToken cancellationToken)
    {
        var storeHost = _runtime.Identity.StoreHost;
        if (result.MessageCount <= 1)
        {
            return MessageIds.CreateOffsetMessageId(storeHost, result.PhysicalOffset);
        }

        await _runtime.Store.WaitForDispatchAsync(cancellationToken).ConfigureAwait(false);
        var ids = new StringBuilder(result.MessageCount * (MessageIds.IPv4OffsetMessageIdLength + 1));
        ids.Append(MessageIds.CreateOffsetMessageId(storeHost, result.PhysicalOffset));
        for (var i = 1; i < result.MessageCount; i++)
        {
            var offset = _runtime.Store.GetCommitLogOffsetInQueue(topic, queueId, result.QueueOffset + i);
            ids.Append(',').Append(MessageIds.CreateOffsetMessageId(storeHost, offset));
        }

        return ids.ToString();
    }
}
