using System.Text;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Send;

public sealed class SendMessageTests : IAsyncLifetime
{
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SendV2_StoresMessageAsSent_AndAnswersIdsRegionAndTrace()
    {
        _host.CreateTopic("T1");
        var properties = BrokerTestHost.Properties("TagA", "k1 k2", "UNIQ0001", ("WAIT", "true"), ("user", "value"));
        var response = await _host.SendAsync(BrokerTestHost.SendHeader("T1", queueId: 2, properties), "hello");

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Null(response.Remark);
        Assert.Equal("DefaultRegion", response.GetExtField("MSG_REGION"));
        Assert.Equal("true", response.GetExtField("TRACE_ON"));
        var header = response.ReadHeader<SendMessageResponseHeader>();
        Assert.Equal(2, header.QueueId);
        Assert.Equal(0, header.QueueOffset);
        Assert.True(MessageIds.TryParseOffsetMessageId(header.MsgId, out var storeHost, out var physicalOffset));
        Assert.Equal(BrokerTestHost.StoreHost, storeHost);

        using var stored = await _host.Store.ReadMessageAsync(physicalOffset);
        Assert.NotNull(stored);
        var message = StoredMessageDecoder.Decode(stored.Span);
        Assert.Equal("T1", message.Topic);
        Assert.Equal(2, message.QueueId);
        Assert.Equal("hello", Encoding.UTF8.GetString(message.Body));
        Assert.Equal("TagA", message.Tags);
        Assert.Equal("k1 k2", message.Keys);
        Assert.Equal("UNIQ0001", message.UniqueKey);
        Assert.Equal("value", message.GetProperty("user"));
        Assert.Equal("DefaultCluster", message.GetProperty(MessageConst.PropertyCluster));
        Assert.Null(message.GetProperty(MessageConst.PropertyWaitStoreMsgOk));
        Assert.Equal(BrokerTestHost.StoreHost, message.StoreHost);
        Assert.Equal(_host.Client.RemoteEndPoint, message.BornHost);
        Assert.Equal(1_700_000_000_000, message.BornTimestamp);
    }

    [Fact]
    public async Task SendV1_IsAcceptedWithV1FieldNames()
    {
        _host.CreateTopic("T1");
        var request = RemotingCommand.CreateRequest(RequestCode.SendMessage, BrokerTestHost.SendHeader("T1", 1, BrokerTestHost.Properties("A")), "v1"u8.ToArray());
        var response = await _host.InvokeAsync(request);

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal(1, response.ReadHeader<SendMessageResponseHeader>().QueueId);
    }

    [Fact]
    public async Task NegativeQueueId_PicksAWritableQueue()
    {
        _host.CreateTopic("T1", queueNums: 3);
        for (var i = 0; i < 10; i++)
        {
            var response = await _host.SendAsync(BrokerTestHost.SendHeader("T1", queueId: -1), "x");
            Assert.Equal(ResponseCode.Success, response.Code);
            Assert.InRange(response.ReadHeader<SendMessageResponseHeader>().QueueId, 0, 2);
        }
    }

    [Fact]
    public async Task QueueIdBeyondTheTopic_IsSystemErrorWithApacheRemark()
    {
        _host.CreateTopic("T1", queueNums: 4);
        var response = await _host.SendAsync(BrokerTestHost.SendHeader("T1", queueId: 4), "x");

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.StartsWith("request queueId[4] is illegal, TopicConfig [topicName=T1, readQueueNums=4, writeQueueNums=4, perm=RW-, topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false] Producer: 10.1.2.3:", response.Remark);
        Assert.Equal("DefaultRegion", response.GetExtField("MSG_REGION"));
    }

    [Fact]
    public async Task UnknownTopic_IsCreatedFromTBW102_WithTheClientsQueueCountCappedByTheDefault()
    {
        var header = BrokerTestHost.SendHeader("NewTopic", queueId: 1);
        header.DefaultTopicQueueNums = 16;
        var response = await _host.SendAsync(header, "x");

        Assert.Equal(ResponseCode.Success, response.Code);
        var created = _host.Topics.Find("NewTopic");
        Assert.NotNull(created);
        Assert.Equal(8, created.WriteQueueNums);
        Assert.Equal(8, created.ReadQueueNums);
        Assert.Equal(PermName.ReadWrite, created.Perm);

        // The next send reads the cached topic and creates nothing.
        await _host.SendOkAsync("NewTopic", "y");
        Assert.Equal(1, _host.Topics.CreateCalls);
    }

    [Fact]
    public async Task UnknownTopic_WithAutoCreateOff_IsTopicNotExist()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.AutoCreateTopicEnable = false);
        var response = await host.SendAsync(BrokerTestHost.SendHeader("NewTopic"), "x");

        Assert.Equal(ResponseCode.TopicNotExist, response.Code);
        Assert.Equal("topic[NewTopic] not exist, apply first please!\nSee http://rocketmq.apache.org/docs/faq/ for further details.", response.Remark);
        Assert.Equal(0, host.Topics.CreateCalls);
    }

    [Theory]
    [InlineData("bad topic", "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$")]
    [InlineData(" ", "The specified topic is blank.")]
    public async Task InvalidTopic_IsSystemError(string topic, string remark)
    {
        var response = await _host.SendAsync(BrokerTestHost.SendHeader(topic), "x");

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal(remark, response.Remark);
    }

    [Fact]
    public async Task SystemTopic_IsNoPermission()
    {
        var response = await _host.SendAsync(BrokerTestHost.SendHeader("SCHEDULE_TOPIC_XXXX"), "x");

        Assert.Equal(ResponseCode.NoPermission, response.Code);
        Assert.Equal("Sending message to topic[SCHEDULE_TOPIC_XXXX] is forbidden.", response.Remark);
    }

    [Fact]
    public async Task DelayedMessage_WaitsInTheScheduleTopic_ThenReachesItsRealTopic()
    {
        _host.CreateTopic("T1");
        var response = await _host.SendAsync(BrokerTestHost.SendHeader("T1", 0, BrokerTestHost.Properties("A", extra: ("DELAY", "3"))), "later");

        Assert.Equal(ResponseCode.Success, response.Code);
        await _host.Store.WaitForDispatchAsync();
        Assert.Equal(1, _host.Store.GetMaxOffsetInQueue("SCHEDULE_TOPIC_XXXX", 2));
        await Eventually.TrueAsync(() => _host.Store.GetMaxOffsetInQueue("T1", 0) == 1, "the delayed message reaches T1");
    }

    [Fact]
    public async Task RetryTopicSend_AtMaxReconsumeTimes_GoesToTheDlq()
    {
        _host.Groups.Put(new SubscriptionGroupConfig("G1", RetryMaxTimes: 2));
        _host.CreateTopic("%RETRY%G1", queueNums: 1);
        var response = await _host.SendAsync(BrokerTestHost.SendHeader("%RETRY%G1", 0, BrokerTestHost.Properties("A"), reconsumeTimes: 2), "dead");

        Assert.Equal(ResponseCode.Success, response.Code);
        var dlq = _host.Topics.Find("%DLQ%G1");
        Assert.NotNull(dlq);
        Assert.Equal(1, dlq.WriteQueueNums);
        await _host.Store.WaitForDispatchAsync();
        Assert.Equal(1, _host.Store.GetMaxOffsetInQueue("%DLQ%G1", 0));
        Assert.Equal(0, _host.Store.GetMaxOffsetInQueue("%RETRY%G1", 0));
    }

    [Fact]
    public async Task RetryTopicSend_BelowMax_StaysInTheRetryTopic()
    {
        _host.Groups.Put(new SubscriptionGroupConfig("G1", RetryMaxTimes: 2));
        _host.CreateTopic("%RETRY%G1", queueNums: 1);
        var response = await _host.SendAsync(BrokerTestHost.SendHeader("%RETRY%G1", 0, null, reconsumeTimes: 1), "again");

        Assert.Equal(ResponseCode.Success, response.Code);
        await _host.Store.WaitForDispatchAsync();
        Assert.Equal(1, _host.Store.GetMaxOffsetInQueue("%RETRY%G1", 0));
    }
}
