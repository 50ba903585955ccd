using System.Text;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd.Compatibility;

/// <summary>
/// The 4.9 request-reply flow over TCP: a request from one producer, a consumer's reply sent with another producer as
/// SEND_REPLY_MESSAGE_V2, pushed by the broker to the requester as PUSH_REPLY_MESSAGE_TO_CLIENT.
/// </summary>
public sealed class RequestReplyEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task A_request_is_answered_by_the_consumers_reply_through_the_broker()
    {
        const string Topic = "RequestReplyTopic";
        await using (var admin = new RocketMQAdmin(silo.ClientOptions()))
        {
            await admin.CreateTopicAsync(new TopicConfig { TopicName = Topic, ReadQueueNums = 1, WriteQueueNums = 1 });
        }

        await using var replier = new RocketMQProducer(silo.ClientOptions(), new ProducerOptions { ProducerGroup = "ReplierGroup" });
        await using var consumer = new RocketMQPushConsumer(silo.ClientOptions(), new PushConsumerOptions
        {
            ConsumerGroup = "RequestReplyConsumer",
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        }, async (request, cancellationToken) =>
        {
            await replier.SendAsync(ReplyMessages.Create(request, Encoding.UTF8.GetBytes("reply to " + Encoding.UTF8.GetString(request.Body))), cancellationToken);
            return ConsumeResult.Success;
        });
        consumer.Subscribe(Topic);
        await consumer.StartAsync();
        await using var requester = new RocketMQProducer(silo.ClientOptions(), new ProducerOptions { ProducerGroup = "RequesterGroup" });

        var reply = await requester.RequestAsync(new Message(Topic, Encoding.UTF8.GetBytes("ping")), TimeSpan.FromSeconds(20));

        Assert.Equal("reply to ping", Encoding.UTF8.GetString(reply.Body));
        Assert.Equal(requester.ClientId, reply.Properties[MessageConst.PropertyMessageReplyToClient]);
        Assert.Equal("reply", reply.Properties[MessageConst.PropertyMessageType]);
        Assert.True(reply.Properties.ContainsKey(MessageConst.PropertyPushReplyTime));
        Assert.EndsWith("_REPLY_TOPIC", reply.Topic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_for_a_requester_that_is_not_connected_fails_with_Apaches_remark()
    {
        await using var replier = new RocketMQProducer(silo.ClientOptions(), new ProducerOptions { ProducerGroup = "OrphanReplier", RetryTimesWhenSendFailed = 0 });
        await using var admin = new RocketMQAdmin(silo.ClientOptions());
        var cluster = Assert.Single((await admin.GetClusterInfoAsync()).ClusterAddrTable.Keys);
        var request = new MessageExt { Topic = "AnyTopic", Properties = { [MessageConst.PropertyCluster] = cluster, [MessageConst.PropertyMessageReplyToClient] = "127.0.0.1@gone", [MessageConst.PropertyCorrelationId] = "c1" } };

        var failed = await Assert.ThrowsAsync<RocketMQClientException>(() => replier.SendAsync(ReplyMessages.Create(request, Encoding.UTF8.GetBytes("late"))));

        Assert.Equal(ResponseCode.SystemError, failed.ResponseCode);
        Assert.Contains("push reply message fail, channel of <127.0.0.1@gone> not found.", failed.Message, StringComparison.Ordinal);
    }
}
