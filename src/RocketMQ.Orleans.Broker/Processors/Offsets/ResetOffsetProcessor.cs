using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Processors.Names;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Offsets;

/// <summary>
/// INVOKE_BROKER_TO_RESET_OFFSET (Apache AdminBrokerProcessor.resetOffset → Broker2Client.resetOffset): moves a group's
/// offsets on this broker's queues of a topic to the first message stored at or after a time and tells every
/// connected client of the group (RESET_CONSUMER_CLIENT_OFFSET, oneway) so it drops what it has pulled and pulls from
/// there. Answers the new offsets (ResetOffsetBody).
/// </summary>
/// <remarks>
/// As 4.9.8: a topic without queues here or a queue the group never committed answers SYSTEM_ERROR, a group without
/// connected clients CONSUMER_NOT_ONLINE (the admin then falls back to UPDATE_CONSUMER_OFFSET per queue), a client
/// older than V3_0_7_SNAPSHOT SYSTEM_ERROR. Broadcast groups never commit on the broker, so they always get the
/// "group not exist" error and keep their client-side offsets. Unlike Apache the broker also commits the new offsets
/// itself, so a client that ignores the notification (ali-ons does) still restarts from the reset position.
/// </remarks>
public sealed class ResetOffsetProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    /// <summary>MQVersion.Version.V3_0_7_SNAPSHOT.ordinal(): the first client version that handles the reset.</summary>
    public const int MinimumClientVersion = 28;

    private readonly ILogger _logger = runtime.LoggerFactory.CreateLogger<ResetOffsetProcessor>();

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code == RequestCode.InvokeBrokerToResetOffset ? ResetAsync(context, request) : ValueTask.FromResult<RemotingCommand?>(null);

    private async ValueTask<RemotingCommand?> ResetAsync(RemotingRequestContext context, RemotingCommand request)
    {
        var header = request.ReadHeader<ResetOffsetRequestHeader>();
        OffsetsLog.ResetRequested(_logger, header.Group, header.Topic, header.Timestamp, header.IsForce, RemoteAddresses.Format(context.Connection.RemoteEndPoint));
        if ((NameRefusals.GroupAndTopic(header.Group, header.Topic) ?? NameRefusals.SystemGroupWrite(header.Group)) is { } refused)
        {
            return refused;
        }

        var topic = await runtime.Topics.GetAsync(header.Topic).ConfigureAwait(false);
        if (topic is null)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, "[reset-offset] reset offset failed, no topic in this broker. topic=" + header.Topic);
        }

        var offsets = new Dictionary<MessageQueue, long>(topic.WriteQueueNums);
        for (int queueId = 0; queueId < topic.WriteQueueNums; queueId++)
        {
            long consumerOffset = runtime.Store.ConsumerOffsets.Query(header.Group, header.Topic, queueId);
            if (consumerOffset == -1)
            {
                return request.CreateResponseTo(ResponseCode.SystemError, $"THe consumer group <{header.Group}> not exist");
            }

            long target = header.Timestamp == -1
                ? runtime.Store.GetMaxOffsetInQueue(header.Topic, queueId)
                : runtime.Store.GetOffsetInQueueByTime(header.Topic, queueId, header.Timestamp);
            target = Math.Max(0, target);
            var queue = new MessageQueue(header.Topic, runtime.Identity.BrokerName, queueId);
            offsets[queue] = header.IsForce || target < consumerOffset ? target : consumerOffset;
        }

        var channels = runtime.ConsumerManager.GetConsumerGroupInfo(header.Group)?.GetChannels() ?? [];
        if (channels.Count == 0)
        {
            return request.CreateResponseTo(ResponseCode.ConsumerNotOnline,
                $"Consumer not online, so can not reset offset, Group: {header.Group} Topic: {header.Topic} Timestamp: {header.Timestamp}");
        }

        if (channels.FirstOrDefault(channel => channel.Version < MinimumClientVersion) is { } old)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, "the client does not support this feature. version=" + old.Version);
        }

        // Committed before the clients hear of it: a client that persists its offsets right after the reset then
        // writes the same values, and one that ignores the notification still resumes from here after a restart.
        foreach (var (queue, offset) in offsets)
        {
            runtime.Store.ConsumerOffsets.Commit(header.Group, header.Topic, queue.QueueId, offset);
        }

        var body = new ResetOffsetBody { OffsetTable = offsets }.Encode();
        foreach (var channel in channels)
        {
            await NotifyAsync(channel, header, body).ConfigureAwait(false);
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body;
        return response;
    }

    private async ValueTask NotifyAsync(ClientChannelInfo channel, ResetOffsetRequestHeader header, byte[] body)
    {
        // A RocketMQ 5 gRPC consumer pops from the group's committed offsets, which the reset has already moved.
        if (channel.Remoting is not { IsActive: true } connection)
        {
            return;
        }

        var notification = RemotingCommand.CreateRequest(RequestCode.ResetConsumerClientOffset,
            new ResetOffsetRequestHeader { Topic = header.Topic, Group = header.Group, Timestamp = header.Timestamp }, body);
        notification.MarkOneway();
        try
        {
            await connection.InvokeOnewayAsync(notification).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            OffsetsLog.ResetNotifyFailed(_logger, exception, header.Group, channel.ClientId);
        }
    }
}
