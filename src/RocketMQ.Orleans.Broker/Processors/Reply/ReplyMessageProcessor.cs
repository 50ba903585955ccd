using System.Globalization;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Reply;

/// <summary>
/// SEND_REPLY_MESSAGE / SEND_REPLY_MESSAGE_V2 (the 4.9 request-reply flow, Apache ReplyMessageProcessor): a consumer's
/// reply is pushed, as PUSH_REPLY_MESSAGE_TO_CLIENT, to the producer named by the reply's REPLY_TO_CLIENT property
/// over that producer's own connection to this broker; the sender learns whether the push succeeded. The reply is
/// not also stored in the reply topic: this broker answers as Apache does with storeReplyMessageEnable=false
/// (nothing consumes the reply topic; the requester waits on its connection).
/// </summary>
internal sealed class ReplyMessageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    /// <summary>Apache Broker2Client.callClient's timeout.</summary>
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(3);

    public static IReadOnlyList<int> RequestCodes { get; } = [RequestCode.SendReplyMessage, RequestCode.SendReplyMessageV2];

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = SendMessageRequestHeader.FromExtFields(request.ExtFields, request.Code == RequestCode.SendReplyMessageV2);
        var response = request.CreateResponseTo(ResponseCode.SystemError);
        response.ExtFields = new()
        {
            [MessageConst.PropertyMsgRegion] = runtime.Options.RegionId,
            [MessageConst.PropertyTraceSwitch] = runtime.Options.TraceOn ? "true" : "false",
        };
        var queueId = header.QueueId >= 0 ? header.QueueId : 0;
        var properties = MessageProperties.Decode(header.Properties ?? string.Empty);
        if (!properties.TryGetValue(MessageConst.PropertyMessageReplyToClient, out var senderId))
        {
            response.Remark = "reply message properties[" + MessageConst.PropertyMessageReplyToClient + "] is null";
            return response;
        }

        var connection = FindProducer(senderId);
        if (connection is null)
        {
            response.Remark = "push reply message fail, channel of <" + senderId + "> not found.";
            return response;
        }

        properties[MessageConst.PropertyPushReplyTime] = runtime.Now.ToString(CultureInfo.InvariantCulture);
        var push = RemotingCommand.CreateRequest(RequestCode.PushReplyMessageToClient, ReplyHeader(context, header, properties), request.Body);
        try
        {
            var pushed = await connection.InvokeAsync(push, PushTimeout, cancellationToken).ConfigureAwait(false);
            if (pushed.Code != ResponseCode.Success)
            {
                response.Remark = "push reply message to " + senderId + "fail.";
                return response;
            }
        }
        catch (Exception exception) when (exception is RemotingTimeoutException or RemotingConnectionException or IOException)
        {
            response.Remark = "push reply message to " + senderId + "fail.";
            return response;
        }

        response.Code = ResponseCode.Success;
        response.Remark = null;
        // Apache: "set to zero to avoid client decoding exception".
        response.ExtFields["msgId"] = "0";
        response.ExtFields["queueId"] = queueId.ToString(CultureInfo.InvariantCulture);
        response.ExtFields["queueOffset"] = "0";
        return response;
    }

    private IRemotingConnection? FindProducer(string clientId) =>
        runtime.ProducerManager.Groups
            .SelectMany(group => runtime.ProducerManager.GetChannels(group))
            .Select(channel => string.Equals(channel.ClientId, clientId, StringComparison.Ordinal) ? channel.Remoting : null)
            .FirstOrDefault(connection => connection is { IsActive: true });

    /// <summary>Apache ReplyMessageRequestHeader's fields.</summary>
    private Dictionary<string, string> ReplyHeader(RemotingRequestContext context, SendMessageRequestHeader header, Dictionary<string, string> properties) => new(StringComparer.Ordinal)
    {
        ["producerGroup"] = header.ProducerGroup,
        ["topic"] = header.Topic,
        ["defaultTopic"] = header.DefaultTopic,
        ["defaultTopicQueueNums"] = header.DefaultTopicQueueNums.ToString(CultureInfo.InvariantCulture),
        ["queueId"] = header.QueueId.ToString(CultureInfo.InvariantCulture),
        ["sysFlag"] = header.SysFlag.ToString(CultureInfo.InvariantCulture),
        ["bornTimestamp"] = header.BornTimestamp.ToString(CultureInfo.InvariantCulture),
        ["flag"] = header.Flag.ToString(CultureInfo.InvariantCulture),
        ["properties"] = MessageProperties.Encode(properties),
        ["reconsumeTimes"] = (header.ReconsumeTimes ?? 0).ToString(CultureInfo.InvariantCulture),
        ["unitMode"] = header.UnitMode ? "true" : "false",
        ["bornHost"] = RemoteAddresses.Format(context.Connection.RemoteEndPoint),
        ["storeHost"] = runtime.Identity.BrokerAddress,
        ["storeTimestamp"] = runtime.Now.ToString(CultureInfo.InvariantCulture),
    };
}
