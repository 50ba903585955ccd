using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Clients;

public sealed class HeartbeatTests : IAsyncLifetime
{
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static RemotingCommand Heartbeat(string clientId, string group, string? producerGroup = null)
    {
        var data = new HeartbeatData
        {
            ClientID = clientId,
            ConsumerDataSet =
            [
                new ConsumerData
                {
                    GroupName = group,
                    ConsumeType = ConsumeType.ConsumePassively,
                    MessageModel = MessageModel.Clustering,
                    ConsumeFromWhere = ConsumeFromWhere.ConsumeFromLastOffset,
                    SubscriptionDataSet = [new SubscriptionData { Topic = "TH", SubString = "*" }],
                },
            ],
            ProducerDataSet = producerGroup is null ? [] : [new ProducerData { GroupName = producerGroup }],
        };
        return RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: data.Encode());
    }

    private Task<RemotingCommand> ConsumerListAsync(string group) =>
        _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.GetConsumerListByGroup, new GetConsumerListByGroupRequestHeader { ConsumerGroup = group }));

    [Fact]
    public async Task Heartbeat_RegistersTheConsumer_CreatesGroupAndRetryTopic()
    {
        var response = await _host.InvokeAsync(Heartbeat("client-1", "G1", "P1"));

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal(1, _host.Groups.CreateCalls);
        var retry = _host.Topics.Find("%RETRY%G1");
        Assert.NotNull(retry);
        Assert.Equal(1, retry.WriteQueueNums);
        Assert.Single(_host.Runtime.ProducerManager.GetChannels("P1"));

        var list = await ConsumerListAsync("G1");
        Assert.Equal(ResponseCode.Success, list.Code);
        Assert.Equal(["client-1"], RemotingBody.Decode<GetConsumerListByGroupResponseBody>(list.Body.Span).ConsumerIdList);
    }

    [Fact]
    public async Task A_full_producer_group_table_refuses_a_heartbeat_with_a_new_group_and_keeps_serving_known_ones()
    {
        // Filled by other (simulated) clients up to the limit: group names are the clients' choice.
        var filler = new ClientChannelInfo(new TestConnection(), "filler", LanguageCode.JAVA, 409, 0);
        var free = ProducerManager.MaxGroups - _host.Runtime.ProducerManager.Groups.Count();
        for (var i = 0; i < free; i++)
        {
            _host.Runtime.ProducerManager.RegisterProducer("PFill" + i, filler);
        }

        var refused = await _host.InvokeAsync(Heartbeat("client-new", "GFull", "PNew"));
        Assert.Equal(ResponseCode.SystemError, refused.Code);
        Assert.Contains("producer group table is full", refused.Remark);
        Assert.Empty(_host.Runtime.ProducerManager.GetChannels("PNew"));
        // Refused whole: the heartbeat's consumer group was not registered either.
        Assert.Null(_host.Runtime.ConsumerManager.GetConsumerGroupInfo("GFull"));

        var known = await _host.InvokeAsync(Heartbeat("client-known", "GFull", "PFill7"));
        Assert.Equal(ResponseCode.Success, known.Code);
        Assert.Equal(2, _host.Runtime.ProducerManager.GetChannels("PFill7").Count);
    }

    [Fact]
    public async Task UnknownGroup_ConsumerListIsSystemError()
    {
        var list = await ConsumerListAsync("Nobody");

        Assert.Equal(ResponseCode.SystemError, list.Code);
        Assert.Equal("no consumer for this group, Nobody", list.Remark);
    }

    [Fact]
    public async Task ANewMember_NotifiesTheGroup_ARepeatedHeartbeatDoesNot()
    {
        var first = new TestConnection();
        var second = new TestConnection();
        await _host.InvokeAsync(Heartbeat("c1", "G2"), first);
        Assert.True(first.OnewayRequests.TryRead(out var own));
        Assert.Equal(RequestCode.NotifyConsumerIdsChanged, own.Code);

        await _host.InvokeAsync(Heartbeat("c2", "G2"), second);
        var notice = await first.OnewayRequests.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(RequestCode.NotifyConsumerIdsChanged, notice.Code);
        Assert.True(notice.IsOneway);
        Assert.Equal("G2", notice.GetExtField("consumerGroup"));
        Assert.True(second.OnewayRequests.TryRead(out _));

        await _host.InvokeAsync(Heartbeat("c2", "G2"), second);
        Assert.False(first.OnewayRequests.TryRead(out _));

        var list = await ConsumerListAsync("G2");
        Assert.Equal(["c1", "c2"], RemotingBody.Decode<GetConsumerListByGroupResponseBody>(list.Body.Span).ConsumerIdList.Order());
    }

    [Fact]
    public async Task ClosingAConnection_DropsItsConsumer_AndNotifiesTheOthers()
    {
        var first = new TestConnection();
        var second = new TestConnection();
        await _host.InvokeAsync(Heartbeat("c1", "G3"), first);
        await _host.InvokeAsync(Heartbeat("c2", "G3"), second);
        while (first.OnewayRequests.TryRead(out _))
        {
        }

        ((RocketMQ.Orleans.Remoting.Dispatching.IConnectionEventListener)_host.Runtime).OnClosed(second);

        Assert.True(first.OnewayRequests.TryRead(out var notice));
        Assert.Equal(RequestCode.NotifyConsumerIdsChanged, notice.Code);
        var list = await ConsumerListAsync("G3");
        Assert.Equal(["c1"], RemotingBody.Decode<GetConsumerListByGroupResponseBody>(list.Body.Span).ConsumerIdList);
    }

    [Fact]
    public async Task UnregisterClient_RemovesTheConsumer()
    {
        await _host.InvokeAsync(Heartbeat("c1", "G4", "P4"));
        var response = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.UnregisterClient,
            new UnregisterClientRequestHeader { ClientId = "c1", ConsumerGroup = "G4", ProducerGroup = "P4" }));

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Null(_host.Runtime.ConsumerManager.GetConsumerGroupInfo("G4"));
        Assert.Empty(_host.Runtime.ProducerManager.GetChannels("P4"));
    }

    [Fact]
    public async Task ClientsWithoutHeartbeat_AreExpiredAndClosed()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.ChannelExpiredTimeoutMillis = 0);
        var connection = new TestConnection();
        await host.InvokeAsync(Heartbeat("c1", "G5", "P5"), connection);
        await Eventually.TrueAsync(() => host.Runtime.Now > host.Runtime.ConsumerManager.GetConsumerGroupInfo("G5")!.LastUpdateTimestamp, "a millisecond passed");

        Assert.Equal(2, host.Runtime.ScanNotActiveClients());
        Assert.True(connection.Closed);
        Assert.Null(host.Runtime.ConsumerManager.GetConsumerGroupInfo("G5"));
        Assert.Empty(host.Runtime.ProducerManager.GetChannels("P5"));
    }

    [Fact]
    public async Task ConnectedConsumers_AreReportedToTheControlPlane()
    {
        await _host.InvokeAsync(Heartbeat("c1", "G6"));
        await _host.Runtime.ReportConnectionsAsync();

        var reported = Assert.Single(_host.Reporter.Reports["G6"]);
        Assert.Equal("c1", reported.ClientId);
        Assert.Equal("CLUSTERING", reported.MessageModel);
        Assert.Equal("CONSUME_FROM_LAST_OFFSET", reported.ConsumeFromWhere);
        Assert.Equal("TH", Assert.Single(reported.Subscriptions).Topic);

        ((RocketMQ.Orleans.Remoting.Dispatching.IConnectionEventListener)_host.Runtime).OnClosed(_host.Client);
        await _host.Runtime.ReportConnectionsAsync();
        Assert.Empty(_host.Reporter.Reports["G6"]);
    }
}
