using Microsoft.Extensions.DependencyInjection;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Admin;

[Collection(BrokerSiloCollection.Name)]
public sealed class TopicAdminTests(BrokerSiloFixture silo)
{
    [Fact]
    public async Task Created_topic_gets_queues_on_the_live_broker_group_and_a_route()
    {
        var response = await silo.BrokerAsync(AdminCommands.CreateTopic("AdCreated", queues: 3, perm: 6));

        Assert.Equal(ResponseCode.Success, response.Code);
        var info = await silo.Cluster.Client.GetGrain<ITopicGrain>("AdCreated").GetAsync();
        Assert.NotNull(info);
        var queues = Assert.Single(info.QueuesByBroker);
        Assert.Equal(silo.BrokerName, queues.Key);
        Assert.Equal(3, queues.Value.WriteQueueNums);

        var route = await silo.NameServerAsync(AdminCommands.Route("AdCreated"));
        Assert.Equal(ResponseCode.Success, route.Code);
        Assert.Equal(3, Assert.Single(RemotingBody.Decode<TopicRouteData>(route.Body.Span).QueueDatas).ReadQueueNums);
    }

    [Fact]
    public async Task All_topic_config_lists_this_brokers_topics()
    {
        await silo.BrokerAsync(AdminCommands.CreateTopic("AdAllConfig", queues: 5, perm: 4));

        var response = await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.GetAllTopicConfig));

        Assert.Equal(ResponseCode.Success, response.Code);
        var wrapper = RemotingBody.Decode<TopicConfigSerializeWrapper>(response.Body.Span);
        var config = wrapper.TopicConfigTable["AdAllConfig"];
        Assert.Equal(5, config.ReadQueueNums);
        Assert.Equal(5, config.WriteQueueNums);
        Assert.Equal(4, config.Perm);
        Assert.Equal(7, wrapper.TopicConfigTable["TBW102"].Perm);
    }

    [Fact]
    public async Task The_message_type_attribute_is_set_kept_by_updates_without_attributes_altered_and_removed()
    {
        async Task<(int Code, Abstractions.Contracts.TopicMessageType? Type, string? Listed)> CreateAsync(string? attributes)
        {
            var response = await silo.BrokerAsync(AdminCommands.CreateTopic("AdTyped", attributes: attributes));
            var info = await silo.Cluster.Client.GetGrain<ITopicGrain>("AdTyped").GetAsync();
            var all = RemotingBody.Decode<TopicConfigSerializeWrapper>((await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.GetAllTopicConfig))).Body.Span);
            return (response.Code, info?.Config.MessageType, all.TopicConfigTable["AdTyped"].Attributes.GetValueOrDefault("message.type"));
        }

        Assert.Equal((ResponseCode.Success, Abstractions.Contracts.TopicMessageType.Fifo, "FIFO"), await CreateAsync("+message.type=FIFO"));
        Assert.Equal((ResponseCode.Success, Abstractions.Contracts.TopicMessageType.Fifo, "FIFO"), await CreateAsync(null));
        Assert.Equal((ResponseCode.Success, Abstractions.Contracts.TopicMessageType.Transaction, "TRANSACTION"), await CreateAsync("+message.type=TRANSACTION"));
        Assert.Equal((ResponseCode.Success, Abstractions.Contracts.TopicMessageType.Unspecified, null), await CreateAsync("-message.type"));

        var deleteMissing = await silo.BrokerAsync(AdminCommands.CreateTopic("AdTyped", attributes: "-message.type"));
        var noSign = await silo.BrokerAsync(AdminCommands.CreateTopic("AdTyped", attributes: "message.type=FIFO"));
        var twice = await silo.BrokerAsync(AdminCommands.CreateTopic("AdTyped", attributes: "+message.type=FIFO,+message.type=DELAY"));
        Assert.Equal((ResponseCode.SystemError, "attempt to delete a nonexistent key: message.type"), (deleteMissing.Code, deleteMissing.Remark));
        Assert.Equal((ResponseCode.SystemError, "add/alter attribute format is wrong: message.type"), (noSign.Code, noSign.Remark));
        Assert.Equal((ResponseCode.SystemError, "alter duplication key. key: message.type"), (twice.Code, twice.Remark));
    }

    [Theory]
    [InlineData("TBW102", "The topic[TBW102] is conflict with system topic.")]
    [InlineData("rmq_sys_mine", "The topic[rmq_sys_mine] is conflict with system topic.")]
    [InlineData("bad topic!", "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$")]
    public async Task Invalid_or_system_topics_are_refused_with_Apache_remarks(string topic, string remark)
    {
        var response = await silo.BrokerAsync(AdminCommands.CreateTopic(topic));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal(remark, response.Remark);
    }

    [Fact]
    public async Task Deleting_a_topic_in_the_broker_removes_its_queues_and_route()
    {
        await silo.BrokerAsync(AdminCommands.CreateTopic("AdDeleted"));
        var store = silo.Services.GetRequiredService<RocketMQ.Orleans.Store.Hosting.IMessageStoreAccessor>().Store;
        var put = await store.PutMessageAsync(new RocketMQ.Orleans.Store.MessageToStore { Topic = "AdDeleted", QueueId = 0, Body = "x"u8.ToArray() });
        Assert.True(put.IsOk);
        await store.WaitForDispatchAsync();
        var queueDirectory = Path.Combine(store.Options.DataPath, "consumequeue", "AdDeleted");
        Assert.True(Directory.Exists(queueDirectory));

        var response = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.DeleteTopicInBroker, ("topic", "AdDeleted")));

        Assert.Equal(ResponseCode.Success, response.Code);
        // The broker's stored data of the topic goes with it: consume-queue files (and their maps) and offsets.
        Assert.False(Directory.Exists(queueDirectory));
        Assert.Equal(0, store.GetMaxOffsetInQueue("AdDeleted", 0));
        Assert.Null(await silo.Cluster.Client.GetGrain<ITopicGrain>("AdDeleted").GetAsync());
        Assert.Equal(ResponseCode.TopicNotExist, (await silo.NameServerAsync(AdminCommands.Route("AdDeleted"))).Code);
    }

    [Fact]
    public async Task Negative_queue_counts_are_refused_with_a_remark_not_an_exception_text()
    {
        // Found by `rmq fuzz`: the topic grain's argument guard threw, and the answer carried System.ArgumentOutOfRangeException.
        var response = await silo.BrokerAsync(AdminCommands.CreateTopic("AdNegativeQueues", queues: int.MinValue));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Contains("queue nums (read -2147483648, write -2147483648) must be between 0 and", response.Remark);
        Assert.Null(await silo.Cluster.Client.GetGrain<ITopicGrain>("AdNegativeQueues").GetAsync());
    }
}
