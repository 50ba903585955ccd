using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Admin;

[Collection(BrokerSiloCollection.Name)]
public sealed class StatsAdminTests(BrokerSiloFixture silo)
{
    [Fact]
    public async Task Consume_and_topic_stats_come_from_the_stores_offsets()
    {
        const string topic = "AdStats";
        await silo.BrokerAsync(AdminCommands.CreateTopic(topic, queues: 2));
        for (var i = 0; i < 3; i++)
        {
            var sent = await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.SendMessageV2,
                SendMessageRequestHeaderV2.FromV1(BrokerTestHost.SendHeader(topic, queueId: 0)), Encoding.UTF8.GetBytes("m" + i)));
            Assert.Equal(ResponseCode.Success, sent.Code);
        }

        var store = silo.Host.Runtime!.Store;
        await store.WaitForDispatchAsync();
        store.ConsumerOffsets.Commit("AdStatsGroup", topic, 0, 2);

        var stats = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.GetConsumeStats, ("consumerGroup", "AdStatsGroup"), ("topic", topic)));

        Assert.Equal(ResponseCode.Success, stats.Code);
        var table = RemotingBody.Decode<ConsumeStats>(stats.Body.Span).OffsetTable;
        var queue0 = table[new MessageQueue(topic, silo.BrokerName, 0)];
        Assert.Equal(3, queue0.BrokerOffset);
        Assert.Equal(2, queue0.ConsumerOffset);
        Assert.True(queue0.LastTimestamp > 0, "last consumed message's store time");
        Assert.Equal(new OffsetWrapper(0, 0, 0), table[new MessageQueue(topic, silo.BrokerName, 1)]);

        var topicStats = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.GetTopicStatsInfo, ("topic", topic)));
        var offsets = RemotingBody.Decode<TopicStatsTable>(topicStats.Body.Span).OffsetTable[new MessageQueue(topic, silo.BrokerName, 0)];
        Assert.Equal(0, offsets.MinOffset);
        Assert.Equal(3, offsets.MaxOffset);
        Assert.True(offsets.LastUpdateTimestamp >= queue0.LastTimestamp);

        var byWho = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.QueryTopicConsumeByWho, ("topic", topic)));
        Assert.Contains("AdStatsGroup", RemotingBody.Decode<GroupList>(byWho.Body.Span).Groups);
    }

    [Fact]
    public async Task Topic_stats_of_an_unknown_topic_is_TOPIC_NOT_EXIST()
    {
        var response = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.GetTopicStatsInfo, ("topic", "AdNoSuchTopic")));

        Assert.Equal(ResponseCode.TopicNotExist, response.Code);
        Assert.Equal("topic[AdNoSuchTopic] not exist", response.Remark);
    }

    [Fact]
    public async Task Connection_list_of_an_offline_group_is_CONSUMER_NOT_ONLINE()
    {
        var response = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.GetConsumerConnectionList, ("consumerGroup", "AdOffline")));

        Assert.Equal(ResponseCode.ConsumerNotOnline, response.Code);
        Assert.Equal("the consumer group[AdOffline] not online", response.Remark);
    }

    [Fact]
    public async Task Runtime_info_uses_Apache_key_names()
    {
        var response = await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.GetBrokerRuntimeInfo));

        Assert.Equal(ResponseCode.Success, response.Code);
        var table = RemotingBody.Decode<KVTable>(response.Body.Span).Table;
        Assert.Equal("V4_9_8", table["brokerVersionDesc"]);
        Assert.True(long.Parse(table["timerPendingNum"], CultureInfo.InvariantCulture) >= 0);
        // Apache's "delivered,max" per delay level, for each of the 18 levels.
        Assert.All(Enumerable.Range(1, 18), level => Assert.Matches(@"^\d+,\d+$", table["scheduleMessageOffset_" + level]));
        Assert.Equal("409", table["brokerVersion"]);
        Assert.True(long.Parse(table["commitLogMaxOffset"], CultureInfo.InvariantCulture) >= long.Parse(table["commitLogMinOffset"], CultureInfo.InvariantCulture));
        Assert.Equal(3, table["putTps"].Split(' ').Length);
        Assert.True(long.Parse(table["msgPutTotalTodayNow"], CultureInfo.InvariantCulture) >= 0);
    }
}
