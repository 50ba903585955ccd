using System.Diagnostics;
using System.Text;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Pull;

public sealed class PullMessageTests : IAsyncLifetime
{
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BrokerTestHost.StartAsync();
        _host.CreateTopic("TP", queueNums: 2);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Found_ReturnsTheStoredBytes_AndAllOffsets()
    {
        for (var i = 0; i < 3; i++)
        {
            await _host.SendOkAsync("TP", "body" + i, queueId: 1, tags: "A");
        }

        await _host.Store.WaitForDispatchAsync();
        var response = await _host.PullAsync(BrokerTestHost.PullHeader("TP", 1, 0));

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal("FOUND", response.Remark);
        var header = response.ReadHeader<PullMessageResponseHeader>();
        Assert.Equal(3, header.NextBeginOffset);
        Assert.Equal(0, header.MinOffset);
        Assert.Equal(3, header.MaxOffset);
        Assert.Equal(0, header.SuggestWhichBrokerId);
        var messages = BrokerTestHost.Decode(response);
        Assert.Equal(["body0", "body1", "body2"], messages.Select(m => Encoding.UTF8.GetString(m.Body)));
        Assert.All(messages, m => Assert.Equal("TP", m.Topic));
    }

    [Fact]
    public async Task NothingNew_WithoutSuspend_IsPullNotFoundWithOffsets()
    {
        await _host.SendOkAsync("TP", "x", queueId: 0);
        await _host.Store.WaitForDispatchAsync();
        var response = await _host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 1, sysFlag: 4));

        Assert.Equal(ResponseCode.PullNotFound, response.Code);
        Assert.Equal("OFFSET_OVERFLOW_ONE", response.Remark);
        var header = response.ReadHeader<PullMessageResponseHeader>();
        Assert.Equal(1, header.NextBeginOffset);
        Assert.Equal(0, header.MinOffset);
        Assert.Equal(1, header.MaxOffset);
    }

    [Fact]
    public async Task EmptyQueue_AtOffsetZero_IsNotFound_ButElsewhereOffsetMoved()
    {
        var atZero = await _host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 0, sysFlag: 4));
        Assert.Equal(ResponseCode.PullNotFound, atZero.Code);
        Assert.Equal(0, atZero.ReadHeader<PullMessageResponseHeader>().NextBeginOffset);

        var elsewhere = await _host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 5, sysFlag: 4));
        Assert.Equal(ResponseCode.PullOffsetMoved, elsewhere.Code);
        Assert.Equal(0, elsewhere.ReadHeader<PullMessageResponseHeader>().NextBeginOffset);
    }

    [Fact]
    public async Task OffsetBeyondTheQueue_IsOffsetMoved_BackToTheMinWhileTheQueueStartsAtZero()
    {
        await _host.SendOkAsync("TP", "x", queueId: 0);
        await _host.SendOkAsync("TP", "y", queueId: 0);
        await _host.Store.WaitForDispatchAsync();
        var response = await _host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 10, sysFlag: 4));

        Assert.Equal(ResponseCode.PullOffsetMoved, response.Code);
        Assert.Equal("OFFSET_OVERFLOW_BADLY", response.Remark);
        var header = response.ReadHeader<PullMessageResponseHeader>();
        // Apache: nextOffsetCorrection to minOffset when the queue still starts at 0, else to maxOffset.
        Assert.Equal(0, header.NextBeginOffset);
        Assert.Equal(2, header.MaxOffset);
    }

    [Fact]
    public async Task TagSubscription_ReturnsOnlyMatchingTags()
    {
        await _host.SendOkAsync("TP", "a", tags: "TagA");
        await _host.SendOkAsync("TP", "b", tags: "TagB");
        await _host.SendOkAsync("TP", "c", tags: "TagC");
        await _host.SendOkAsync("TP", "none");
        await _host.Store.WaitForDispatchAsync();

        var response = await _host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 0, subscription: "TagA || TagC", sysFlag: 4));

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal(["a", "c"], BrokerTestHost.Decode(response).Select(m => Encoding.UTF8.GetString(m.Body)));
        Assert.Equal(4, response.ReadHeader<PullMessageResponseHeader>().NextBeginOffset);
    }

    [Fact]
    public async Task OnlyNonMatchingTags_IsRetryImmediatelyPastThem()
    {
        await _host.SendOkAsync("TP", "b", tags: "TagB");
        await _host.Store.WaitForDispatchAsync();

        var response = await _host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 0, subscription: "TagA", sysFlag: 4));

        Assert.Equal(ResponseCode.PullRetryImmediately, response.Code);
        Assert.Equal(1, response.ReadHeader<PullMessageResponseHeader>().NextBeginOffset);
    }

    [Fact]
    public async Task Sql92Subscription_IsRefusedAsApacheDoesWithoutPropertyFilter()
    {
        var header = BrokerTestHost.PullHeader("TP", 0, 0, subscription: "a BETWEEN 3 AND 6", sysFlag: 4);
        header.ExpressionType = "SQL92";
        var response = await _host.PullAsync(header);

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal("The broker does not support consumer to filter message by SQL92", response.Remark);
    }

    [Fact]
    public async Task CommitOffsetFlag_CommitsTheConsumersOffset()
    {
        await _host.PullAsync(BrokerTestHost.PullHeader("TP", 1, 0, group: "CG1", sysFlag: 1 | 4, commitOffset: 42));

        Assert.Equal(42, _host.Store.ConsumerOffsets.Query("CG1", "TP", 1));
    }

    [Fact]
    public async Task UnknownTopic_IsTopicNotExist()
    {
        var response = await _host.PullAsync(BrokerTestHost.PullHeader("Nope", 0, 0));

        Assert.Equal(ResponseCode.TopicNotExist, response.Code);
    }

    [Fact]
    public async Task LongPoll_IsAnsweredWhenAMessageArrives()
    {
        var stopwatch = Stopwatch.StartNew();
        var pull = _host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 0, sysFlag: 2 | 4, suspendTimeoutMillis: 20_000));
        await Eventually.TrueAsync(() => _host.Runtime.PullHold.HeldCount == 1, "the pull is held");
        Assert.False(pull.IsCompleted);

        await _host.SendOkAsync("TP", "arrived");
        var response = await pull;

        Assert.True(response.Code == ResponseCode.Success, $"{response.Code} {response.Remark}");
        Assert.Equal("arrived", Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(response)).Body));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"answered after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task LongPoll_IgnoresNonMatchingArrivals_AndWakesOnAMatchingOne()
    {
        var pull = _host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 0, subscription: "TagA", sysFlag: 2 | 4, suspendTimeoutMillis: 20_000));
        await Eventually.TrueAsync(() => _host.Runtime.PullHold.HeldCount == 1, "the pull is held");

        await _host.SendOkAsync("TP", "b", tags: "TagB");
        await _host.Store.WaitForDispatchAsync();
        Assert.Equal(1, _host.Runtime.PullHold.HeldCount);

        await _host.SendOkAsync("TP", "a", tags: "TagA");
        var response = await pull;

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal("a", Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(response)).Body));
        Assert.Equal(2, response.ReadHeader<PullMessageResponseHeader>().NextBeginOffset);
    }

    [Fact]
    public async Task LongPoll_TimesOutWithPullNotFound()
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await _host.PullAsync(BrokerTestHost.PullHeader("TP", 1, 0, sysFlag: 2 | 4, suspendTimeoutMillis: 300));

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {stopwatch.Elapsed}");
        Assert.Equal(ResponseCode.PullNotFound, response.Code);
        var header = response.ReadHeader<PullMessageResponseHeader>();
        Assert.Equal(0, header.NextBeginOffset);
        Assert.Equal(0, header.MaxOffset);
        Assert.Equal(0, _host.Runtime.PullHold.HeldCount);
    }
}
