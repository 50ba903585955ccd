using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>Builds SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE requests as Apache's <c>sendKernelImpl</c> fills them.</summary>
internal static class SendRequestBuilder
{
    public static RemotingCommand Build(
        ClientCore core,
        ProducerOptions options,
        string topic,
        MessageQueue queue,
        int flag,
        string properties,
        ReadOnlyMemory<byte> body,
        bool batch)
    {
        var header = new SendMessageRequestHeaderV2
        {
            A = options.ProducerGroup,
            B = topic,
            C = options.CreateTopicKey,
            D = options.DefaultTopicQueueNums,
            E = queue.QueueId,
            F = 0,
            G = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            H = flag,
            I = properties,
            J = 0,
            K = false,
            M = batch,
            N = queue.BrokerName,
        };
        // Apache sendKernelImpl: a reply (MSG_TYPE=reply, made by ReplyMessages.Create) goes as SEND_REPLY_MESSAGE_V2.
        var code = batch ? RequestCode.SendBatchMessage
            : properties.Contains(ReplyMessages.ReplyTypeProperty, StringComparison.Ordinal) ? RequestCode.SendReplyMessageV2
            : RequestCode.SendMessageV2;
        return core.CreateRequest(code, header, body);
    }
}
