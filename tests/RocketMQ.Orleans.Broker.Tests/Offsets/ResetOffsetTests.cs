using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Offsets;

/// <summary>INVOKE_BROKER_TO_RESET_OFFSET through the dispatcher, with the outcomes of Apache 4.9.8's Broker2Client.resetOffset.</summary>
public sealed class ResetOffsetTests : IAsyncLifetime
{
    private const string Topic = "TReset";
    private const string Group = "GReset";
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BrokerTestHost.StartAsync();
        _host.CreateTopic(Topic, queueNums: 2);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static RemotingCommand Heartbeat(string group, int version = 409)
    {
        var data = new HeartbeatData
        {
            ClientID = "client-" + group,
            ConsumerDataSet =
            [
                new ConsumerData
                {
                    GroupName = group,
                    ConsumeType = ConsumeType.ConsumePassively,
                    MessageModel = MessageModel.Clustering,
                    ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
                    SubscriptionDataSet = [new SubscriptionData { Topic = Topic, SubString = "*" }],
                },
            ],
        };
        var request = RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: data.Encode());
        request.Version = version;
        return request;
    }

    private Task<RemotingCommand> ResetAsync(long timestamp, bool force = true, string group = Group, string topic = Topic) =>
        _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.InvokeBrokerToResetOffset,
            new ResetOffsetRequestHeader { Topic = topic, Group = group, Timestamp = timestamp, IsForce = force }));

    /// <summary>Sends 20 messages to queue 0, returning a time after the 10th's store time and at or before the 11th's.</summary>
    private async Task<long> SendTwentyAsync()
    {
        for (int i = 1; i <= 10; i++)
        {
            await _host.SendOkAsync(Topic, "m" + i);
        }

        long between = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1;
        await Eventually.TrueAsync(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() >= between, "the clock passes the reset time");
        for (int i = 11; i <= 20; i++)
        {
            await _host.SendOkAsync(Topic, "m" + i);
        }

        await _host.Store.WaitForDispatchAsync();
        return between;
    }

    private void CommitAll(long queue0, long queue1 = 0, string group = Group)
    {
        _host.Store.ConsumerOffsets.Commit(group, Topic, 0, queue0);
        _host.Store.ConsumerOffsets.Commit(group, Topic, 1, queue1);
    }

    [Fact]
    public async Task Reset_to_a_time_moves_the_offsets_commits_them_and_notifies_the_connected_client()
    {
        Assert.Equal(ResponseCode.Success, (await _host.InvokeAsync(Heartbeat(Group))).Code);
        long between = await SendTwentyAsync();
        CommitAll(queue0: 20);

        var response = await ResetAsync(between);

        Assert.Equal(ResponseCode.Success, response.Code);
        var expected = new Dictionary<MessageQueue, long> { [new(Topic, "broker-a", 0)] = 10, [new(Topic, "broker-a", 1)] = 0 };
        Assert.Equal(expected, RemotingBody.Decode<ResetOffsetBody>(response.Body.Span).OffsetTable);
        Assert.Equal(10, _host.Store.ConsumerOffsets.Query(Group, Topic, 0));

        var notification = await NextResetNotificationAsync(_host.Client);
        Assert.True(notification.IsOneway);
        var header = notification.ReadHeader<ResetOffsetRequestHeader>();
        Assert.Equal((Topic, Group, between), (header.Topic, header.Group, header.Timestamp));
        Assert.Equal(expected, RemotingBody.Decode<ResetOffsetBody>(notification.Body.Span).OffsetTable);
    }

    [Fact]
    public async Task Without_force_an_offset_only_moves_backwards()
    {
        Assert.Equal(ResponseCode.Success, (await _host.InvokeAsync(Heartbeat(Group))).Code);
        long between = await SendTwentyAsync();
        CommitAll(queue0: 5);

        var response = await ResetAsync(between, force: false);

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal(5, RemotingBody.Decode<ResetOffsetBody>(response.Body.Span).OffsetTable[new(Topic, "broker-a", 0)]);
        Assert.Equal(5, _host.Store.ConsumerOffsets.Query(Group, Topic, 0));
    }

    [Fact]
    public async Task Timestamp_minus_one_resets_to_the_end_of_each_queue()
    {
        Assert.Equal(ResponseCode.Success, (await _host.InvokeAsync(Heartbeat(Group))).Code);
        await SendTwentyAsync();
        CommitAll(queue0: 3);

        var response = await ResetAsync(-1);

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal(20, _host.Store.ConsumerOffsets.Query(Group, Topic, 0));
    }

    [Fact]
    public async Task A_group_without_connected_clients_gets_CONSUMER_NOT_ONLINE_and_keeps_its_offsets()
    {
        long between = await SendTwentyAsync();
        CommitAll(queue0: 20);

        var response = await ResetAsync(between);

        Assert.Equal(ResponseCode.ConsumerNotOnline, response.Code);
        Assert.StartsWith("Consumer not online, so can not reset offset", response.Remark);
        Assert.Equal(20, _host.Store.ConsumerOffsets.Query(Group, Topic, 0));
    }

    [Fact]
    public async Task A_group_with_no_offsets_on_the_broker_such_as_a_broadcast_group_is_refused_and_untouched()
    {
        Assert.Equal(ResponseCode.Success, (await _host.InvokeAsync(Heartbeat("GBroadcast"))).Code);
        long between = await SendTwentyAsync();

        var response = await ResetAsync(between, group: "GBroadcast");

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal("THe consumer group <GBroadcast> not exist", response.Remark);
        Assert.Equal(-1, _host.Store.ConsumerOffsets.Query("GBroadcast", Topic, 0));
        while (_host.Client.OnewayRequests.TryRead(out var sent))
        {
            Assert.NotEqual(RequestCode.ResetConsumerClientOffset, sent.Code);
        }
    }

    [Fact]
    public async Task An_unknown_topic_and_a_client_too_old_for_the_feature_get_SYSTEM_ERROR()
    {
        Assert.Equal(ResponseCode.Success, (await _host.InvokeAsync(Heartbeat(Group, version: 27))).Code);
        CommitAll(queue0: 0);

        var unknown = await ResetAsync(0, topic: "NoSuchTopic");
        var old = await ResetAsync(0);

        Assert.Equal(ResponseCode.SystemError, unknown.Code);
        Assert.Contains("no topic in this broker", unknown.Remark);
        Assert.Equal(ResponseCode.SystemError, old.Code);
        Assert.StartsWith("the client does not support this feature", old.Remark);
    }

    [Fact]
    public async Task A_header_without_the_group_is_refused_and_the_broker_keeps_serving()
    {
        var request = RemotingCommand.CreateRequest(RequestCode.InvokeBrokerToResetOffset,
            new Dictionary<string, string> { ["topic"] = Topic, ["timestamp"] = "0" });

        var response = await _host.InvokeAsync(request);

        Assert.NotEqual(ResponseCode.Success, response.Code);
        CommitAll(queue0: 0);
        Assert.Equal(ResponseCode.ConsumerNotOnline, (await ResetAsync(0)).Code);
    }

    [Fact]
    public async Task GET_ALL_CONSUMER_OFFSET_shows_the_reset_offsets()
    {
        Assert.Equal(ResponseCode.Success, (await _host.InvokeAsync(Heartbeat(Group))).Code);
        long between = await SendTwentyAsync();
        CommitAll(queue0: 20);
        Assert.Equal(ResponseCode.Success, (await ResetAsync(between)).Code);

        var response = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.GetAllConsumerOffset));

        Assert.Equal(ResponseCode.Success, response.Code);
        var table = RemotingBody.Decode<ConsumerOffsetSerializeWrapper>(response.Body.Span).OffsetTable;
        Assert.Equal(new Dictionary<int, long> { [0] = 10, [1] = 0 }, table[ConsumerOffsetSerializeWrapper.Key(Topic, Group)]);
    }

    private static async Task<RemotingCommand> NextResetNotificationAsync(TestConnection connection)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var request = await connection.OnewayRequests.ReadAsync(timeout.Token);
            if (request.Code == RequestCode.ResetConsumerClientOffset)
            {
                return request;
            }
        }
    }
}
