using System.Text;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests;

public sealed class AdminTests
{
    [Fact]
    public async Task Create_topic_sends_UPDATE_AND_CREATE_TOPIC_to_each_master_of_the_cluster()
    {
        await using var broker = await FakeBroker.StartAsync();
        await using var admin = new RocketMQAdmin(broker.ClientOptions());

        var brokers = await admin.CreateTopicAsync(new TopicConfig { TopicName = "Created", ReadQueueNums = 6, WriteQueueNums = 5, Perm = 6 }, FakeBroker.ClusterName);

        Assert.Equal([FakeBroker.BrokerName], brokers);
        var request = Assert.Single(broker.RequestsOf(RequestCode.UpdateAndCreateTopic));
        var fields = request.ExtFields!;
        Assert.Equal("Created", fields["topic"]);
        Assert.Equal("TBW102", fields["defaultTopic"]);
        Assert.Equal("6", fields["readQueueNums"]);
        Assert.Equal("5", fields["writeQueueNums"]);
        Assert.Equal("6", fields["perm"]);
        Assert.Equal("SINGLE_TAG", fields["topicFilterType"]);
        Assert.Equal("0", fields["topicSysFlag"]);
        Assert.Equal("false", fields["order"]);
        Assert.False(fields.ContainsKey("attributes"), "no attribute change: the field is left out, as 4.x sends it");
        Assert.Single(broker.RequestsOf(RequestCode.GetBrokerClusterInfo));

        var route = await admin.GetTopicRouteAsync("Created");
        Assert.Equal(5, route!.QueueDatas.Single().WriteQueueNums);
        Assert.Contains("Created", await admin.GetTopicListAsync());
        await Assert.ThrowsAsync<RocketMQClientException>(() => admin.CreateTopicAsync(new TopicConfig { TopicName = "X" }, "NoSuchCluster"));
    }

    [Fact]
    public async Task Create_topic_sends_attribute_changes_as_rocketmq_5s_attributes_field()
    {
        await using var broker = await FakeBroker.StartAsync();
        await using var admin = new RocketMQAdmin(broker.ClientOptions());
        var config = new TopicConfig { TopicName = "Typed" };
        config.Attributes["+message.type"] = "FIFO";

        await admin.CreateTopicAsync(config, FakeBroker.ClusterName);

        Assert.Equal("+message.type=FIFO", Assert.Single(broker.RequestsOf(RequestCode.UpdateAndCreateTopic)).ExtFields!["attributes"]);
    }

    [Fact]
    public async Task Route_of_an_unknown_topic_is_null()
    {
        await using var broker = await FakeBroker.StartAsync();
        await using var admin = new RocketMQAdmin(broker.ClientOptions());

        Assert.Null(await admin.GetTopicRouteAsync("Missing"));
    }

    [Fact]
    public async Task Subscription_group_is_sent_as_its_json_body()
    {
        await using var broker = await FakeBroker.StartAsync();
        await using var admin = new RocketMQAdmin(broker.ClientOptions());

        await admin.CreateOrUpdateSubscriptionGroupAsync(new SubscriptionGroupConfig { GroupName = "g1", RetryMaxTimes = 3 });

        var request = Assert.Single(broker.RequestsOf(RequestCode.UpdateAndCreateSubscriptionGroup));
        var body = RemotingBody.Decode<SubscriptionGroupConfig>(request.Body.Span);
        Assert.Equal("g1", body.GroupName);
        Assert.Equal(3, body.RetryMaxTimes);
    }

    [Fact]
    public async Task Messages_are_found_by_offset_id_key_and_unique_key()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());
        var sent = await producer.SendAsync(new Message("Orders", Encoding.UTF8.GetBytes("find me")) { Keys = "order-1 customer-9" });
        await producer.SendAsync(new Message("Orders", Encoding.UTF8.GetBytes("other")) { Keys = "order-2" });
        await using var admin = new RocketMQAdmin(broker.ClientOptions());

        var viewed = await admin.ViewMessageAsync(sent.OffsetMsgId);
        var byKey = await admin.QueryMessageByKeyAsync("Orders", "customer-9");
        var byUniqueKey = await admin.QueryMessageByUniqueKeyAsync("Orders", sent.MsgId);

        Assert.Equal("find me", Encoding.UTF8.GetString(viewed.Body));
        Assert.Equal(sent.MsgId, viewed.UniqueKey);
        Assert.Equal("find me", Encoding.UTF8.GetString(Assert.Single(byKey).Body));
        Assert.Equal(sent.OffsetMsgId, byUniqueKey!.MsgId);
        var queries = broker.RequestsOf(RequestCode.QueryMessage);
        Assert.Equal(["false", "true"], queries.Select(q => q.ExtFields!["_UNIQUE_KEY_QUERY"]));
        Assert.Equal("customer-9", queries[0].ReadHeader<QueryMessageRequestHeader>().Key);
        Assert.Equal(sent.MsgId, queries[1].ReadHeader<QueryMessageRequestHeader>().Key);
        Assert.Empty(await admin.QueryMessageByKeyAsync("Orders", "nobody"));
    }
}
