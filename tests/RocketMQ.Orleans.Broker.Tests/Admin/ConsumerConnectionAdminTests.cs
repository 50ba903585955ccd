using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Admin;

[Collection(BrokerSiloCollection.Name)]
public sealed class ConsumerConnectionAdminTests(BrokerSiloFixture silo)
{
    [Fact]
    public async Task A_consumer_that_sent_a_heartbeat_is_listed_with_its_subscription()
    {
        await silo.BrokerAsync(AdminCommands.CreateTopic("AdConnTopic"));
        var heartbeat = new HeartbeatData
        {
            ClientID = "10.1.2.3@client-1",
            ConsumerDataSet =
            [
                new ConsumerData
                {
                    GroupName = "AdConnGroup",
                    ConsumeType = ConsumeType.ConsumePassively,
                    MessageModel = MessageModel.Clustering,
                    ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
                    SubscriptionDataSet = [new SubscriptionData { Topic = "AdConnTopic", SubString = "TagA", TagsSet = ["TagA"], CodeSet = ["TagA".GetHashCode(StringComparison.Ordinal)] }],
                },
            ],
        };
        var connection = new TestConnection();
        var beat = await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: heartbeat.Encode()), connection);
        Assert.Equal(ResponseCode.Success, beat.Code);

        var response = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.GetConsumerConnectionList, ("consumerGroup", "AdConnGroup")));

        Assert.Equal(ResponseCode.Success, response.Code);
        var body = RemotingBody.Decode<ConsumerConnection>(response.Body.Span);
        var client = Assert.Single(body.ConnectionSet);
        Assert.Equal("10.1.2.3@client-1", client.ClientId);
        Assert.Equal(MessageModel.Clustering, body.MessageModel);
        Assert.Equal(ConsumeFromWhere.ConsumeFromFirstOffset, body.ConsumeFromWhere);
        Assert.Equal("TagA", body.SubscriptionTable["AdConnTopic"].SubString);

        var byWho = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.QueryTopicConsumeByWho, ("topic", "AdConnTopic")));
        Assert.Contains("AdConnGroup", RemotingBody.Decode<GroupList>(byWho.Body.Span).Groups);
    }
}
