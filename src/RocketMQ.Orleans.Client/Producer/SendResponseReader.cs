using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>Reads a send response (Apache <c>processSendResponse</c>): an error code throws, success codes map to a status.</summary>
internal static class SendResponseReader
{
    public static SendResult Read(RemotingCommand response, string topic, string brokerName, string uniqueKey, string address)
    {
        var status = response.Code switch
        {
            ResponseCode.Success => SendStatus.SendOk,
            ResponseCode.FlushDiskTimeout => SendStatus.FlushDiskTimeout,
            ResponseCode.FlushSlaveTimeout => SendStatus.FlushSlaveTimeout,
            ResponseCode.SlaveNotAvailable => SendStatus.SlaveNotAvailable,
            _ => throw new RocketMQClientException(response.Code, response.Remark, address),
        };

        SendMessageResponseHeader header;
        try
        {
            header = response.ReadHeader<SendMessageResponseHeader>();
        }
        catch (RemotingProtocolException exception)
        {
            throw new RocketMQClientException($"The send response from {address} has a bad header: {exception.Message}", exception);
        }

        return new SendResult(status, uniqueKey, header.MsgId, new MessageQueue(topic, brokerName, header.QueueId), header.QueueOffset)
        {
            TransactionId = header.TransactionId,
            RegionId = response.GetExtField(MessageConst.PropertyMsgRegion),
        };
    }
}
