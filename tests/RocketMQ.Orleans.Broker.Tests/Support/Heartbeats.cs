using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Support;

/// <summary>HEART_BEAT requests of one clustering consumer (and optionally a producer), as clients send them.</summary>
internal static class Heartbeats
{
    public static RemotingCommand Consumer(string group, string topic, string expressionType = "TAG", string expression = "*", string? producerGroup = null) =>
        RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: new HeartbeatData
        {
            ClientID = "client-" + group,
            ConsumerDataSet =
            [
                new ConsumerData
                {
                    GroupName = group,
                    ConsumeType = ConsumeType.ConsumePassively,
                    MessageModel = MessageModel.Clustering,
                    ConsumeFromWhere = ConsumeFromWhere.ConsumeFromLastOffset,
                    SubscriptionDataSet = [new SubscriptionData { Topic = topic, SubString = expression, ExpressionType = expressionType, SubVersion = 1 }],
                },
            ],
            ProducerDataSet = producerGroup is null ? [] : [new ProducerData { GroupName = producerGroup }],
        }.Encode());
}
