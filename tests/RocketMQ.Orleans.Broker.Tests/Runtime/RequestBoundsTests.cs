using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Tests.Runtime;

/// <summary>
/// What one request may cost the broker is bounded: QUERY_MESSAGE's count, a pull's hold time, pulls whose client has
/// gone, and how far ahead a timed message may be due.
/// </summary>
public sealed class RequestBoundsTests
{
    [Fact]
    public async Task Query_message_returns_at_most_64_messages_whatever_maxNum_asks()
    {
        await using var host = await BrokerTestHost.StartAsync();
        host.CreateTopic("QB", queueNums: 1);
        for (var i = 0; i < 70; i++)
        {
            await host.SendOkAsync("QB", "m" + i, keys: "same-key");
        }

        await host.Store.WaitForDispatchAsync();

        var response = await host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.QueryMessage, new QueryMessageRequestHeader
        {
            Topic = "QB",
            Key = "same-key",
            MaxNum = 100_000,
            BeginTimestamp = 0,
            EndTimestamp = long.MaxValue,
        }));

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal(64, BrokerTestHost.Decode(response).Count);
    }

    [Fact]
    public async Task A_pull_asking_to_be_held_for_a_day_is_answered_after_the_max_suspend_time()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.LongPollingMaxSuspendMillis = 300);
        host.CreateTopic("LP", queueNums: 1);

        var pull = host.PullAsync(BrokerTestHost.PullHeader("LP", 0, 0, sysFlag: 2 | 4, suspendTimeoutMillis: 86_400_000));
        var response = await pull.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(ResponseCode.PullNotFound, response.Code);
        Assert.Equal(0, host.Runtime.PullHold.HeldCount);
    }

    [Fact]
    public async Task Held_pulls_are_released_and_their_queues_forgotten_when_the_connection_closes()
    {
        await using var host = await BrokerTestHost.StartAsync();
        host.CreateTopic("HC", queueNums: 4);
        var leaving = new TestConnection();
        var staying = new TestConnection();
        var held = Enumerable.Range(0, 3)
            .Select(queueId => host.PullAsync(BrokerTestHost.PullHeader("HC", queueId, 0, sysFlag: 2 | 4, suspendTimeoutMillis: 60_000), leaving))
            .ToList();
        var kept = host.PullAsync(BrokerTestHost.PullHeader("HC", 3, 0, sysFlag: 2 | 4, suspendTimeoutMillis: 60_000), staying);
        await Eventually.TrueAsync(() => host.Runtime.PullHold.HeldCount == 4, "four pulls are held");

        leaving.Close();
        ((IConnectionEventListener)host.Runtime).OnClosed(leaving);

        Assert.Equal(1, host.Runtime.PullHold.HeldCount);
        Assert.Equal(1, host.Runtime.PullHold.QueueCount);
        // Nobody is left to answer: the released pulls send nothing.
        Assert.All(held, pull => Assert.False(pull.IsCompleted));

        // The other client's pull is still held, and still woken by its message.
        await host.SendOkAsync("HC", "for the one that stayed", queueId: 3);
        var response = await kept.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal("for the one that stayed", Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(response)).Body));
    }

    [Theory]
    [InlineData("TIMER_DELAY_SEC", 4 * 24 * 3600L, false)]
    [InlineData("TIMER_DELAY_MS", 4 * 24 * 3_600_000L, false)]
    [InlineData("TIMER_DELIVER_MS", 4 * 24 * 3_600_000L, true)]
    [InlineData("__STARTDELIVERTIME", 4 * 24 * 3_600_000L, true)]
    [InlineData("TIMER_DELAY_SEC", long.MaxValue, false)]
    public async Task A_timer_due_beyond_the_max_delay_is_refused_as_rocketmq_5_does(string property, long value, bool absolute)
    {
        await using var host = await BrokerTestHost.StartAsync();
        host.CreateTopic("TM", queueNums: 1);
        long at = absolute ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + value : value;

        var response = await host.SendAsync(BrokerTestHost.SendHeader("TM", 0,
            BrokerTestHost.Properties(extra: (property, at.ToString(CultureInfo.InvariantCulture)))), "far future");

        Assert.Equal(ResponseCode.MessageIllegal, response.Code);
        Assert.Equal("timer message illegal, the delay time should not be bigger than the max delay 259200000ms; " +
            "or if set del msg, the delay time should be bigger than the current time", response.Remark);
        await host.Store.WaitForDispatchAsync();
        Assert.Equal(0, host.Store.GetMaxOffsetInQueue("rmq_sys_wheel_timer", 0));
    }

    [Fact]
    public async Task A_timer_within_the_max_delay_is_stored()
    {
        await using var host = await BrokerTestHost.StartAsync();
        host.CreateTopic("TM", queueNums: 1);

        var response = await host.SendAsync(BrokerTestHost.SendHeader("TM", 0,
            BrokerTestHost.Properties(extra: ("TIMER_DELAY_SEC", (2 * 24 * 3600).ToString(CultureInfo.InvariantCulture)))), "in two days");

        Assert.Equal(ResponseCode.Success, response.Code);
    }

    [Fact]
    public void The_max_delay_never_reaches_past_the_retention_window()
    {
        Assert.Equal(259_200_000, new MessageStoreOptions().EffectiveTimerMaxDelayMs);
        Assert.Equal(86_400_000, new MessageStoreOptions { FileReservedTime = 24 }.EffectiveTimerMaxDelayMs);
        Assert.Equal(60_000, new MessageStoreOptions { TimerMaxDelaySec = 60 }.EffectiveTimerMaxDelayMs);
    }
}
