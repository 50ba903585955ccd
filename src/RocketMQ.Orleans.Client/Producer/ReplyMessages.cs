using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>
/// Request-reply (Apache 4.9 <c>MessageUtil.createReplyMessage</c>): a consumer answers a request message by sending
/// the message made here with any producer; the broker pushes it to the requester's connection.
/// </summary>
public static class ReplyMessages
{
    /// <summary>Apache MixAll.REPLY_MESSAGE_FLAG, the MSG_TYPE of a reply.</summary>
    public const string ReplyMessageFlag = "reply";

    /// <summary>"MSG_TYPE\u0001reply" as it appears in an encoded property string.</summary>
    internal const string ReplyTypeProperty = MessageConst.PropertyMessageType + "\u0001" + ReplyMessageFlag;

    /// <summary>A reply to <paramref name="request"/> carrying <paramref name="body"/>, for the request's cluster's reply topic.</summary>
    public static Message Create(MessageExt request, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var properties = request.Properties;
        if (!properties.TryGetValue(MessageConst.PropertyCluster, out var cluster))
        {
            throw new RocketMQClientException("The request message has no CLUSTER property: it did not come from a broker.");
        }

        var reply = new Message(cluster + "_REPLY_TOPIC", body);
        reply.SystemProperties[MessageConst.PropertyMessageType] = ReplyMessageFlag;
        foreach (var name in new[] { MessageConst.PropertyCorrelationId, MessageConst.PropertyMessageReplyToClient, MessageConst.PropertyMessageTtl })
        {
            if (properties.TryGetValue(name, out var value))
            {
                reply.SystemProperties[name] = value;
            }
        }

        return reply;
    }
}
