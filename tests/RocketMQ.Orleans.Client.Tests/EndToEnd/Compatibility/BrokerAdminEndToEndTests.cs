using System.Collections.Concurrent;
using System.Text;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd.Compatibility;

/// <summary>
/// The broker admin codes mqadmin's getBrokerConfig, updateBrokerConfig, producerConnection, consumerStatus, queryCq
/// and brokerConsumeStats use, through the .NET admin client against an in-process silo over TCP.
/// </summary>
public sealed class BrokerAdminEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private async Task<(RocketMQAdmin Admin, string Broker)> AdminAsync()
    {
        var admin = new RocketMQAdmin(silo.ClientOptions());
        var (_, address) = Assert.Single(await admin.GetMasterBrokersAsync());
        return (admin, address);
    }

    private async Task SendAsync(string topic, int count, int queueId = 0)
    {
        await using var admin = new RocketMQAdmin(silo.ClientOptions());
        await admin.CreateTopicAsync(new TopicConfig { TopicName = topic, ReadQueueNums = 2, WriteQueueNums = 2 });
        var route = await admin.GetTopicRouteAsync(topic);
        var queue = new MessageQueue(topic, Assert.Single(route!.QueueDatas).BrokerName, queueId);
        await using var producer = new RocketMQProducer(silo.ClientOptions(), new ProducerOptions { ProducerGroup = topic + "Producer" });
        for (var i = 0; i < count; i++)
        {
            await producer.SendAsync(new Message(topic, Encoding.UTF8.GetBytes("m" + i)) { Tags = "TagA" }, queue);
        }
    }

    [Fact]
    public async Task Broker_config_is_Apache_key_value_text_and_live_settings_update()
    {
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;

        var before = await admin.GetBrokerConfigAsync(broker);
        await admin.UpdateBrokerConfigAsync(broker, new Dictionary<string, string> { ["regionId"] = "EndToEndRegion", ["noSuchSetting"] = "x" });
        var after = await admin.GetBrokerConfigAsync(broker);

        Assert.Equal("true", before["autoCreateTopicEnable"]);
        Assert.False(string.IsNullOrEmpty(before["brokerName"]));
        Assert.Equal("EndToEndRegion", after["regionId"]);
        Assert.False(after.ContainsKey("noSuchSetting"));
        var refused = await Assert.ThrowsAsync<RocketMQClientException>(() => admin.UpdateBrokerConfigAsync(broker, new Dictionary<string, string> { ["sendThreads"] = "64" }));
        Assert.Equal(ResponseCode.NoPermission, refused.ResponseCode);
        Assert.Contains("Can not update config in black list.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before["sendThreads"], (await admin.GetBrokerConfigAsync(broker))["sendThreads"]);
        await admin.UpdateBrokerConfigAsync(broker, new Dictionary<string, string> { ["regionId"] = before["regionId"] });
    }

    [Fact]
    public async Task Producer_connection_lists_the_connected_producer_and_refuses_an_unknown_group()
    {
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;
        await admin.CreateTopicAsync(new TopicConfig { TopicName = "ProducerConnTopic", ReadQueueNums = 1, WriteQueueNums = 1 });
        var options = silo.ClientOptions();
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
        await using var producer = new RocketMQProducer(options, new ProducerOptions { ProducerGroup = "ProducerConnGroup" });
        await producer.SendAsync(new Message("ProducerConnTopic", Encoding.UTF8.GetBytes("hello")));

        ProducerConnection? connection = null;
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                connection = await admin.GetProducerConnectionAsync(broker, "ProducerConnGroup");
                return connection.ConnectionSet.Count == 1;
            }
            catch (RocketMQClientException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), "the producer's heartbeat reached the broker", TimeSpan.FromMilliseconds(100));

        var client = Assert.Single(connection!.ConnectionSet);
        Assert.Equal(LanguageCode.DOTNET, client.Language);
        Assert.Contains("127.0.0.1:", client.ClientAddr, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<RocketMQClientException>(() => admin.GetProducerConnectionAsync(broker, "NoSuchProducerGroup"));
        Assert.Equal(ResponseCode.SystemError, unknown.ResponseCode);
        Assert.Contains("the producer group[NoSuchProducerGroup] not exist", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consumer_running_info_is_forwarded_to_the_consumer_and_answered_by_it()
    {
        const string Topic = "RunningInfoTopic", Group = "RunningInfoGroup";
        await SendAsync(Topic, 1);
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;
        await using var consumer = new RocketMQPushConsumer(silo.ClientOptions(), new PushConsumerOptions
        {
            ConsumerGroup = Group,
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        }, (_, _) => ValueTask.FromResult(ConsumeResult.Success));
        consumer.Subscribe(Topic, "TagA || TagB");
        await consumer.StartAsync();

        var info = await admin.GetConsumerRunningInfoAsync(broker, Group, consumer.ClientId, jstack: true);

        Assert.Equal("CONSUME_PASSIVELY", info.Properties[ConsumerRunningInfo.PropConsumeType]);
        Assert.Equal("CLUSTERING", info.Properties["messageModel"]);
        Assert.Contains(info.SubscriptionSet, subscription => subscription.Topic == Topic && subscription.SubString == "TagA || TagB");
        Assert.Equal(consumer.AssignedQueues.Where(queue => queue.Topic == Topic).Order().ToArray(),
            info.MqTable.Keys.Where(queue => queue.Topic == Topic).Order().ToArray());
        Assert.False(string.IsNullOrEmpty(info.Jstack));
        var offline = await Assert.ThrowsAsync<RocketMQClientException>(() => admin.GetConsumerRunningInfoAsync(broker, Group, "127.0.0.1@nobody"));
        Assert.Equal(ResponseCode.SystemError, offline.ResponseCode);
        Assert.Contains($"The Consumer <{Group}> <127.0.0.1@nobody> not online", offline.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_consume_queue_returns_the_raw_entries_from_an_index()
    {
        const string Topic = "QueryCqTopic";
        await SendAsync(Topic, 3);
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;

        var body = await admin.QueryConsumeQueueAsync(broker, Topic, 0, index: 1, count: 10, consumerGroup: "QueryCqOffline");

        Assert.NotNull(body);
        Assert.Equal(0, body.MinQueueIndex);
        Assert.Equal(3, body.MaxQueueIndex);
        Assert.Equal(2, body.QueueData.Count);
        Assert.True(body.QueueData[1].PhysicOffset > body.QueueData[0].PhysicOffset);
        Assert.All(body.QueueData, entry => Assert.True(entry.PhysicSize > 0));
        Assert.All(body.QueueData, entry => Assert.Equal(Protocol.Messages.TagsCode.Of("TagA"), entry.TagsCode));
        Assert.Equal("QueryCqOffline@QueryCqTopic is not online!", body.FilterData);
        Assert.Null(await admin.QueryConsumeQueueAsync(broker, Topic, 0, index: 3, count: 1));
        var missing = await Assert.ThrowsAsync<RocketMQClientException>(() => admin.QueryConsumeQueueAsync(broker, "NoSuchCqTopic", 0, 0, 1));
        Assert.Contains("0@NoSuchCqTopic is not exist!", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broker_consume_stats_lists_each_groups_progress_and_the_total_lag()
    {
        const string Topic = "BrokerStatsTopic", Group = "BrokerStatsGroup";
        await SendAsync(Topic, 4);
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;
        var consumed = new ConcurrentDictionary<string, bool>();
        await using (var consumer = new RocketMQPushConsumer(silo.ClientOptions(), new PushConsumerOptions
        {
            ConsumerGroup = Group,
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        }, (message, _) =>
        {
            consumed[Encoding.UTF8.GetString(message.Body)] = true;
            return ValueTask.FromResult(ConsumeResult.Success);
        }))
        {
            consumer.Subscribe(Topic);
            await consumer.StartAsync();
            await Eventually.TrueAsync(() => consumed.Count == 4, "m0..m3 consumed", TimeSpan.FromSeconds(20));
        }

        var list = await admin.GetBrokerConsumeStatsAsync(broker);

        Assert.Equal(broker, list.BrokerAddr);
        var stats = Assert.Single(list.ConsumeStatsListItems, map => map.ContainsKey(Group))[Group];
        var offsets = Assert.Single(stats, s => s.OffsetTable.Keys.Any(queue => queue.Topic == Topic)).OffsetTable;
        var queue0 = offsets.Single(entry => entry.Key.QueueId == 0).Value;
        Assert.Equal(4, queue0.BrokerOffset);
        Assert.Equal(4, queue0.ConsumerOffset);
        Assert.True(queue0.LastTimestamp > 0);
        Assert.True(list.TotalDiff >= 0);
    }

    [Fact]
    public async Task Clone_group_offset_copies_offsets_and_correction_offset_takes_the_least_of_the_other_groups()
    {
        const string Topic = "CloneOffsetTopic";
        await SendAsync(Topic, 5);
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;
        var consumed = new ConcurrentDictionary<string, bool>();
        await using (var consumer = new RocketMQPushConsumer(silo.ClientOptions(), new PushConsumerOptions
        {
            ConsumerGroup = "CloneSource",
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        }, (message, _) =>
        {
            consumed[Encoding.UTF8.GetString(message.Body)] = true;
            return ValueTask.FromResult(ConsumeResult.Success);
        }))
        {
            consumer.Subscribe(Topic);
            await consumer.StartAsync();
            await Eventually.TrueAsync(() => consumed.Count == 5, "m0..m4 consumed", TimeSpan.FromSeconds(20));
        }

        await admin.CloneGroupOffsetAsync(broker, "CloneSource", "CloneDestination", Topic, offline: true);
        var all = await admin.GetAllConsumerOffsetAsync();
        var correction = await admin.QueryCorrectionOffsetAsync(broker, Topic, compareGroup: "CloneDestination", filterGroups: "CloneSource");
        var systemTopics = await admin.GetSystemTopicListFromBrokerAsync(broker);

        Assert.Contains(all.Values, wrapper => wrapper.OffsetTable.TryGetValue(Topic + "@CloneDestination", out var queues) && queues[0] == 5);
        Assert.Equal(5, correction[0]);
        Assert.Contains("TBW102", systemTopics);
        Assert.Contains("SCHEDULE_TOPIC_XXXX", systemTopics);
    }

    [Fact]
    public async Task The_topic_named_after_the_broker_takes_sends_as_mqadmin_sendMsgStatus_needs()
    {
        var (admin, _) = await AdminAsync();
        await using var _admin = admin;
        var (brokerName, _) = Assert.Single(await admin.GetMasterBrokersAsync());
        await using var producer = new RocketMQProducer(silo.ClientOptions(), new ProducerOptions { ProducerGroup = "SendMsgStatusGroup" });

        var sent = await producer.SendAsync(new Message(brokerName, Encoding.UTF8.GetBytes("status")));

        Assert.Equal(SendStatus.SendOk, sent.Status);
        Assert.Equal(brokerName, sent.Queue.BrokerName);
    }

    [Fact]
    public async Task Broker_stats_data_answers_as_Apache_for_a_stats_item_it_does_not_have()
    {
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;

        var failed = await Assert.ThrowsAsync<RocketMQClientException>(() => admin.ViewBrokerStatsDataAsync(broker, "TOPIC_PUT_NUMS", "AnyTopic"));

        Assert.Equal(ResponseCode.SystemError, failed.ResponseCode);
        Assert.Contains("The stats <TOPIC_PUT_NUMS> <AnyTopic> not exist", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_message_directly_hands_the_stored_message_to_the_consumers_listener()
    {
        const string Topic = "DirectTopic", Group = "DirectGroup";
        await using var admin0 = new RocketMQAdmin(silo.ClientOptions());
        await admin0.CreateTopicAsync(new TopicConfig { TopicName = Topic, ReadQueueNums = 1, WriteQueueNums = 1 });
        await using var producer = new RocketMQProducer(silo.ClientOptions(), new ProducerOptions { ProducerGroup = "DirectProducer" });
        var sent = await producer.SendAsync(new Message(Topic, Encoding.UTF8.GetBytes("direct")));
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;
        var deliveries = new ConcurrentDictionary<string, int>();
        await using var consumer = new RocketMQPushConsumer(silo.ClientOptions(), new PushConsumerOptions
        {
            ConsumerGroup = Group,
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        }, (message, _) =>
        {
            deliveries.AddOrUpdate(Encoding.UTF8.GetString(message.Body), 1, static (_, count) => count + 1);
            return ValueTask.FromResult(ConsumeResult.Success);
        });
        consumer.Subscribe(Topic);
        await consumer.StartAsync();
        await Eventually.TrueAsync(() => deliveries.GetValueOrDefault("direct") == 1, "the message consumed once", TimeSpan.FromSeconds(20));

        var result = await admin.ConsumeMessageDirectlyAsync(broker, Group, consumer.ClientId, sent.OffsetMsgId);

        Assert.Equal("CR_SUCCESS", result.ConsumeResult);
        Assert.Equal(2, deliveries["direct"]);
        Assert.False(result.Order);
    }

    [Fact]
    public async Task Consumer_status_collects_each_online_consumers_offsets_through_the_broker()
    {
        const string Topic = "StatusTopic", Group = "StatusGroup";
        await SendAsync(Topic, 3);
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;
        var consumed = new ConcurrentDictionary<string, bool>();
        await using var consumer = new RocketMQPushConsumer(silo.ClientOptions(), new PushConsumerOptions
        {
            ConsumerGroup = Group,
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        }, (message, _) =>
        {
            consumed[Encoding.UTF8.GetString(message.Body)] = true;
            return ValueTask.FromResult(ConsumeResult.Success);
        });
        consumer.Subscribe(Topic);
        await consumer.StartAsync();
        await Eventually.TrueAsync(() => consumed.Count == 3, "m0..m2 consumed", TimeSpan.FromSeconds(20));

        IReadOnlyDictionary<string, Dictionary<MessageQueue, long>> status = new Dictionary<string, Dictionary<MessageQueue, long>>();
        await Eventually.HoldsAsync(async () =>
        {
            status = await admin.GetConsumerStatusAsync(broker, Topic, Group);
            return status.TryGetValue(consumer.ClientId, out var queues) && queues.Any(entry => entry.Key.QueueId == 0 && entry.Value == 3);
        }, TimeSpan.FromSeconds(10), "the consumer reports offset 3 on queue 0", TimeSpan.FromMilliseconds(100));

        Assert.Equal([consumer.ClientId], status.Keys);
        var offline = await Assert.ThrowsAsync<RocketMQClientException>(() => admin.GetConsumerStatusAsync(broker, Topic, "NoSuchStatusGroup"));
        Assert.Contains("No Any Consumer online in the consumer group: [NoSuchStatusGroup]", offline.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_check_half_message_puts_the_message_back_into_the_half_topic()
    {
        const string HalfTopic = "RMQ_SYS_TRANS_HALF_TOPIC";
        var (admin, broker) = await AdminAsync();
        await using var _ = admin;
        await admin.CreateTopicAsync(new TopicConfig { TopicName = "ResumeHalfTopic", ReadQueueNums = 1, WriteQueueNums = 1 });
        await using var producer = new RocketMQProducer(silo.ClientOptions(), new ProducerOptions { ProducerGroup = "ResumeHalfProducer" });
        var sent = await producer.SendAsync(new Message("ResumeHalfTopic", Encoding.UTF8.GetBytes("resume me")));
        long HalfMax(TopicStatsTable stats) => stats.OffsetTable.Where(entry => entry.Key.QueueId == 0).Sum(entry => entry.Value.MaxOffset);
        var before = HalfMax(await admin.GetTopicStatsAsync(HalfTopic));

        await admin.ResumeCheckHalfMessageAsync(broker, sent.OffsetMsgId);

        // The put is acknowledged once in the commit log; the half topic's queue shows it once dispatched.
        await Eventually.HoldsAsync(async () => HalfMax(await admin.GetTopicStatsAsync(HalfTopic)) == before + 1,
            TimeSpan.FromSeconds(10), "the half topic's queue grew by one", TimeSpan.FromMilliseconds(50));
        var failed = await Assert.ThrowsAsync<RocketMQClientException>(() => admin.ResumeCheckHalfMessageAsync(broker, "not-a-message-id"));
        Assert.Equal(ResponseCode.SystemError, failed.ResponseCode);
        Assert.Contains("Exception was thrown when putting message back to RMQ_SYS_TRANS_HALF_TOPIC.", failed.Message, StringComparison.Ordinal);
    }
}
