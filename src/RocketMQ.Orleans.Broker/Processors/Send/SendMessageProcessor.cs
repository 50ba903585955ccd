using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Processors.Transactions;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Send;

/// <summary>SEND_MESSAGE, SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE (Apache SendMessageProcessor).</summary>
public sealed partial class SendMessageProcessor : IRequestProcessor
{
    /// <summary>MQVersion.Version.V3_4_9.ordinal(): clients from then on may send maxReconsumeTimes.</summary>
    internal const int Version349 = 121;

    private readonly BrokerRuntime _runtime;
    private readonly SendMessageCheck _check;
    private readonly KeyValuePair<string, string>[] _clusterProperty;

    public SendMessageProcessor(BrokerRuntime runtime)
    {
        _runtime = runtime;
        _check = new SendMessageCheck(runtime);
        _clusterProperty = [new(MessageConst.PropertyCluster, runtime.Identity.ClusterName)];
    }

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = SendMessageRequestHeader.FromExtFields(request.ExtFields, v2: request.Code != RequestCode.SendMessage);
        return header.Batch || request.Code == RequestCode.SendBatchMessage
            ? SendBatchAsync(context.Connection, request, header, cancellationToken)
            : SendAsync(context.Connection, request, header, cancellationToken);
    }

    private async ValueTask<RemotingCommand?> SendAsync(IRemotingConnection connection, RemotingCommand request, SendMessageRequestHeader header, CancellationToken cancellationToken)
    {
        var response = CreateResponse();
        var topicConfig = await _check.CheckAsync(connection, header, response).ConfigureAwait(false);
        if (topicConfig is null)
        {
            return response;
        }

        var queueId = header.QueueId < 0 ? RandomQueueId(topicConfig.WriteQueueNums) : header.QueueId;
        var target = await RetryAndDlq.ResolveAsync(_runtime, request, header, topicConfig, queueId, response).ConfigureAwait(false);
        if (target is not { } resolved)
        {
            return response;
        }

        // Apache stores the properties with CLUSTER added and WAIT dropped (9 bytes a message); a DLQ redirect also
        // resets DELAY. Everything else, UNIQ_KEY included, is kept as the client sent it.
        // A DELAY level or a timer property is honoured by the store's put path (SCHEDULE_TOPIC_XXXX, the timer wheel).
        var properties = resolved.ResetDelay
            ? PropertiesText.Edit(header.Properties, [MessageConst.PropertyWaitStoreMsgOk],
                [_clusterProperty[0], new(MessageConst.PropertyDelayTimeLevel, "0")])
            : PropertiesText.Edit(header.Properties, [MessageConst.PropertyWaitStoreMsgOk], _clusterProperty);

        var message = new MessageToStore
        {
            Topic = resolved.Topic,
            QueueId = resolved.QueueId,
            Flag = header.Flag,
            Body = request.Body,
            PropertiesString = properties,
            SysFlag = resolved.SysFlag,
            BornTimestamp = header.BornTimestamp,
            BornHost = RemoteAddresses.ToIPEndPoint(connection.RemoteEndPoint),
            StoreHost = _runtime.Identity.StoreHost,
            ReconsumeTimes = header.ReconsumeTimes ?? 0,
        };
        // TRAN_MSG=true: stored as a half message in RMQ_SYS_TRANS_HALF_TOPIC; the response names the half message.
        if (HalfMessages.IsPrepared(header.Properties) && !HalfMessages.TryPrepare(_runtime, ref message, response))
        {
            return response;
        }

        var result = await _runtime.Store.PutMessageAsync(message, cancellationToken).ConfigureAwait(false);
        if (PutResultResponses.Apply(response, result, _runtime.Store))
        {
            Diagnostics.BrokerMetrics.RecordStored(resolved.Topic, result.MessageCount, result.WroteBytes);
            response.WriteHeader(new SendMessageResponseHeader
            {
                MsgId = MessageIds.CreateOffsetMessageId(_runtime.Identity.StoreHost, result.PhysicalOffset),
                QueueId = resolved.QueueId,
                QueueOffset = result.QueueOffset,
                // Apache attachRecallHandle: a single send (not CONSUMER_SEND_MSG_BACK, not a batch) put into the timer.
                RecallHandle = Recall.MessageRecall.HandleFor(_runtime.Identity.BrokerName, resolved.Topic, result.TimerOutMs,
                    PropertiesText.Get(header.Properties, MessageConst.PropertyUniqClientMessageIdKeyidx)),
            });
        }

        return response;
    }

    /// <summary>Every send response carries MSG_REGION and TRACE_ON, success or not (Apache preSend).</summary>
    private RemotingCommand CreateResponse()
    {
        var response = RemotingCommand.CreateResponse(-1);
        response.ExtFields = new Dictionary<string, string>(4, StringComparer.Ordinal)
        {
            [MessageConst.PropertyMsgRegion] = _runtime.Options.RegionId,
            [MessageConst.PropertyTraceSwitch] = _runtime.Options.TraceOn ? "true" : "false",
        };
        return response;
    }

    /// <summary>Apache: ThreadLocalRandom.nextInt(99999999) % writeQueueNums.</summary>
    internal static int RandomQueueId(int queueNums) => queueNums <= 0 ? 0 : Random.Shared.Next(99_999_999) % queueNums;

    internal static int SysFlagFor(BrokerTopicConfig topicConfig, int sysFlag) =>
        topicConfig.TopicFilterType == TopicFilterType.MultiTag ? sysFlag | MessageSysFlag.MultiTagsFlag : sysFlag;
}
