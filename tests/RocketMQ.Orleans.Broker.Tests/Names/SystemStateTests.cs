using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Names;

/// <summary>System topics and groups are the broker's own: no wire call deletes, re-permissions or overwrites them.</summary>
[Collection(BrokerSiloCollection.Name)]
public sealed class SystemStateTests(BrokerSiloFixture silo)
{
    [Theory]
    [InlineData("SCHEDULE_TOPIC_XXXX")]
    [InlineData("TBW102")]
    [InlineData("RMQ_SYS_TRANS_HALF_TOPIC")]
    [InlineData("RMQ_SYS_TRACE_TOPIC")]
    [InlineData("TRANS_CHECK_MAX_TIME_TOPIC")]
    public async Task Name_server_refuses_to_delete_a_system_topic_and_keeps_it(string topic)
    {
        var before = await silo.Cluster.Client.GetGrain<ITopicGrain>(topic).GetAsync();

        var response = await silo.NameServerAsync(AdminCommands.Fields(RequestCode.DeleteTopicInNamesrv, ("topic", topic)));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal("The topic[" + topic + "] is conflict with system topic.", response.Remark);
        AssertUnchanged(before, await silo.Cluster.Client.GetGrain<ITopicGrain>(topic).GetAsync());
    }

    [Fact]
    public async Task SCHEDULE_TOPIC_XXXX_keeps_its_route_after_a_delete_attempt_in_the_name_server()
    {
        Assert.Equal(ResponseCode.Success, (await silo.NameServerAsync(AdminCommands.Route("SCHEDULE_TOPIC_XXXX"))).Code);

        await silo.NameServerAsync(AdminCommands.Fields(RequestCode.DeleteTopicInNamesrv, ("topic", "SCHEDULE_TOPIC_XXXX"), ("clusterName", "DefaultCluster")));

        Assert.Equal(ResponseCode.Success, (await silo.NameServerAsync(AdminCommands.Route("SCHEDULE_TOPIC_XXXX"))).Code);
    }

    [Theory]
    [InlineData("SCHEDULE_TOPIC_XXXX")]
    [InlineData("RMQ_SYS_TRANS_OP_HALF_TOPIC")]
    public async Task Broker_refuses_to_delete_or_re_permission_a_system_topic(string topic)
    {
        var before = await silo.Cluster.Client.GetGrain<ITopicGrain>(topic).GetAsync();

        var deleted = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.DeleteTopicInBroker, ("topic", topic)));
        var rewritten = await silo.BrokerAsync(AdminCommands.CreateTopic(topic, queues: 1, perm: 2));

        Assert.Equal(ResponseCode.SystemError, deleted.Code);
        Assert.Equal(ResponseCode.SystemError, rewritten.Code);
        Assert.Equal("The topic[" + topic + "] is conflict with system topic.", rewritten.Remark);
        AssertUnchanged(before, await silo.Cluster.Client.GetGrain<ITopicGrain>(topic).GetAsync());
    }

    [Fact]
    public async Task A_client_cannot_overwrite_the_transaction_check_groups_offsets()
    {
        var store = silo.Host.Runtime!.Store;
        var before = store.ConsumerOffsets.Query("CID_RMQ_SYS_TRANS", "RMQ_SYS_TRANS_HALF_TOPIC", 0);

        var response = await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.UpdateConsumerOffset, new UpdateConsumerOffsetRequestHeader
        {
            ConsumerGroup = "CID_RMQ_SYS_TRANS",
            Topic = "RMQ_SYS_TRANS_HALF_TOPIC",
            QueueId = 0,
            CommitOffset = before + 1_000_000,
        }));

        Assert.Equal(ResponseCode.NoPermission, response.Code);
        Assert.Contains("CID_RMQ_SYS_TRANS", response.Remark, StringComparison.Ordinal);
        Assert.Equal(before, store.ConsumerOffsets.Query("CID_RMQ_SYS_TRANS", "RMQ_SYS_TRANS_HALF_TOPIC", 0));
    }

    [Fact]
    public async Task A_client_cannot_delete_a_system_groups_config()
    {
        var response = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.DeleteSubscriptionGroup, ("groupName", "CID_RMQ_SYS_TRANS"), ("removeOffset", "true")));

        Assert.Equal(ResponseCode.NoPermission, response.Code);
    }

    private static void AssertUnchanged(TopicInfo? before, TopicInfo? after)
    {
        // A system topic this silo never created (trace, check-max-time) must not appear either.
        Assert.Equal(before?.Config, after?.Config);
        Assert.Equal(before?.Version, after?.Version);
        Assert.Equal(before?.QueuesByBroker.Keys.Order(), after?.QueuesByBroker.Keys.Order());
    }
}
