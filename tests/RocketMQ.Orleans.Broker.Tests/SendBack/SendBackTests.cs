using System.Text;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.SendBack;

public sealed class SendBackTests : IAsyncLifetime
{
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BrokerTestHost.StartAsync();
        _host.CreateTopic("TS");
        _host.Groups.Put(new SubscriptionGroupConfig("GS", RetryMaxTimes: 2));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<RemotingCommand> SendBackAsync(long offset, int delayLevel = 0) =>
        _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.ConsumerSendMsgBack,
            new ConsumerSendMsgBackRequestHeader { Offset = offset, Group = "GS", DelayLevel = delayLevel, OriginTopic = "TS" }));

    private async Task<MessageExt> LastOfAsync(string topic, int count = 1)
    {
        // A retry waits its delay level (100 ms in the test host) in SCHEDULE_TOPIC_XXXX before reaching %RETRY%.
        await Eventually.TrueAsync(() => _host.Store.GetMaxOffsetInQueue(topic, 0) >= count, $"{topic} holds {count}");
        var max = _host.Store.GetMaxOffsetInQueue(topic, 0);
        var pull = await _host.PullAsync(BrokerTestHost.PullHeader(topic, 0, max - 1, group: "GS", sysFlag: 4));
        Assert.Equal(ResponseCode.Success, pull.Code);
        return Assert.Single(BrokerTestHost.Decode(pull));
    }

    /// <summary>The offset of a message in TS whose body is as long as the store takes, less <paramref name="slack"/> bytes.</summary>
    private async Task<long> SendLargestAsync(int slack)
    {
        // Binary search for the longest body the store (MaxMessageSize 32 KiB in the test host) accepts.
        int low = 1, high = 32 * 1024;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            var probe = await _host.SendAsync(BrokerTestHost.SendHeader("TS", 0, BrokerTestHost.Properties(uniqKey: "U-big")), new string('x', mid));
            if (probe.Code == ResponseCode.Success) low = mid; else high = mid - 1;
        }

        var sent = await _host.SendAsync(BrokerTestHost.SendHeader("TS", 0, BrokerTestHost.Properties(uniqKey: "U-big")), new string('x', low - slack));
        Assert.Equal(ResponseCode.Success, sent.Code);
        Assert.True(MessageIds.TryParseOffsetMessageId(sent.ReadHeader<SendMessageResponseHeader>().MsgId, out _, out var offset));
        return offset;
    }

    [Fact]
    public async Task A_retry_too_large_for_the_store_goes_to_the_DLQ_instead_of_failing_for_ever()
    {
        // 100 bytes of room: not enough for the retry's properties and schedule rewrite, enough for the DLQ form.
        var offset = await SendLargestAsync(slack: 100);

        var response = await SendBackAsync(offset);

        Assert.Equal(ResponseCode.Success, response.Code);
        var dead = await LastOfAsync("%DLQ%GS");
        Assert.True(dead.Body.Length > 30_000 && dead.Body.AsSpan().IndexOfAnyExcept((byte)'x') < 0);
        Assert.Equal(1, dead.ReconsumeTimes);
        Assert.Null(dead.GetProperty(MessageConst.PropertyDelayTimeLevel));
        Assert.Equal(0, _host.Store.GetMaxOffsetInQueue("SCHEDULE_TOPIC_XXXX", 2));
    }

    [Fact]
    public async Task A_retry_too_large_even_for_the_DLQ_is_dropped_and_answered_success()
    {
        var offset = await SendLargestAsync(slack: 0);

        var response = await SendBackAsync(offset);

        Assert.Equal(ResponseCode.Success, response.Code);
        await _host.Store.WaitForDispatchAsync();
        Assert.Equal(0, _host.Store.GetMaxOffsetInQueue("%DLQ%GS", 0));
        Assert.Equal(0, _host.Store.GetMaxOffsetInQueue("SCHEDULE_TOPIC_XXXX", 2));
    }

    [Fact]
    public async Task FailedMessage_GoesToTheRetryTopic_WithRetryTopicOriginIdAndOneMoreReconsume()
    {
        var sent = await _host.SendOkAsync("TS", "payload", tags: "A", keys: "k1", uniqKey: "U1");
        Assert.True(MessageIds.TryParseOffsetMessageId(sent.MsgId, out _, out var offset));

        var response = await SendBackAsync(offset);

        Assert.Equal(ResponseCode.Success, response.Code);
        var retry = await LastOfAsync("%RETRY%GS");
        Assert.Equal("%RETRY%GS", retry.Topic);
        Assert.Equal("payload", Encoding.UTF8.GetString(retry.Body));
        Assert.Equal(1, retry.ReconsumeTimes);
        Assert.Equal("TS", retry.GetProperty(MessageConst.PropertyRetryTopic));
        Assert.Equal(sent.MsgId, retry.GetProperty(MessageConst.PropertyOriginMessageId));
        // It waited delay level 3 (3 + reconsume times 0) in SCHEDULE_TOPIC_XXXX; the scheduler clears DELAY, as Apache.
        Assert.Equal(1, _host.Store.GetMaxOffsetInQueue("SCHEDULE_TOPIC_XXXX", 2));
        Assert.Null(retry.GetProperty(MessageConst.PropertyDelayTimeLevel));
        Assert.Equal("%RETRY%GS", retry.GetProperty(MessageConst.PropertyRealTopic));
        Assert.Equal("U1", retry.UniqueKey);
        Assert.Equal("A", retry.Tags);
        Assert.NotNull(_host.Topics.Find("%RETRY%GS"));
    }

    [Fact]
    public async Task AfterMaxReconsumeTimes_TheMessageGoesToTheDlq()
    {
        var sent = await _host.SendOkAsync("TS", "poison");
        Assert.True(MessageIds.TryParseOffsetMessageId(sent.MsgId, out _, out var offset));

        // Each redelivery is sent back again, naming the retry copy by its own offset, as a consumer does.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(ResponseCode.Success, (await SendBackAsync(offset)).Code);
            var retry = await LastOfAsync("%RETRY%GS", attempt);
            Assert.Equal(attempt, retry.ReconsumeTimes);
            Assert.Equal("TS", retry.GetProperty(MessageConst.PropertyRetryTopic));
            Assert.Equal(sent.MsgId, retry.GetProperty(MessageConst.PropertyOriginMessageId));
            offset = retry.CommitLogOffset;
        }

        Assert.Equal(ResponseCode.Success, (await SendBackAsync(offset)).Code);
        var dead = await LastOfAsync("%DLQ%GS");
        Assert.Equal("poison", Encoding.UTF8.GetString(dead.Body));
        Assert.Equal(3, dead.ReconsumeTimes);
        Assert.Equal("TS", dead.GetProperty(MessageConst.PropertyRetryTopic));
        Assert.Equal(sent.MsgId, dead.GetProperty(MessageConst.PropertyOriginMessageId));
        Assert.Equal(2, _host.Store.GetMaxOffsetInQueue("%RETRY%GS", 0));
        var dlq = _host.Topics.Find("%DLQ%GS");
        Assert.NotNull(dlq);
        Assert.Equal(1, dlq.WriteQueueNums);
    }

    [Fact]
    public async Task NegativeDelayLevel_GoesStraightToTheDlq()
    {
        var sent = await _host.SendOkAsync("TS", "now-dead");
        Assert.True(MessageIds.TryParseOffsetMessageId(sent.MsgId, out _, out var offset));

        Assert.Equal(ResponseCode.Success, (await SendBackAsync(offset, delayLevel: -1)).Code);

        Assert.Equal("now-dead", Encoding.UTF8.GetString((await LastOfAsync("%DLQ%GS")).Body));
    }

    [Fact]
    public async Task UnknownOffset_IsSystemError()
    {
        var response = await SendBackAsync(123_456_789);

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal("look message by offset failed, 123456789", response.Remark);
    }
}
