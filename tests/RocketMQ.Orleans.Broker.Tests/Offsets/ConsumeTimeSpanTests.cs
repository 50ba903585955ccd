using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Offsets;

/// <summary>QUERY_CONSUME_TIME_SPAN through the dispatcher (Apache AdminBrokerProcessor.queryConsumeTimeSpan).</summary>
public sealed class ConsumeTimeSpanTests : IAsyncLifetime
{
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BrokerTestHost.StartAsync();
        _host.CreateTopic("TSpan", queueNums: 2);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<RemotingCommand> QueryAsync(string topic) =>
        _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.QueryConsumeTimeSpan, new QueryConsumeTimeSpanRequestHeader { Topic = topic, Group = "GSpan" }));

    [Fact]
    public async Task Each_queue_answers_its_oldest_newest_and_last_consumed_store_time()
    {
        for (int i = 0; i < 5; i++)
        {
            await _host.SendOkAsync("TSpan", "m" + i);
        }

        await _host.Store.WaitForDispatchAsync();
        _host.Store.ConsumerOffsets.Commit("GSpan", "TSpan", 0, 3);
        var pulled = BrokerTestHost.Decode(await _host.PullAsync(BrokerTestHost.PullHeader("TSpan", 0, 0)));
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var response = await QueryAsync("TSpan");

        Assert.Equal(ResponseCode.Success, response.Code);
        var spans = RemotingBody.Decode<QueryConsumeTimeSpanBody>(response.Body.Span).ConsumeTimeSpanSet;
        Assert.Equal(2, spans.Count);
        var q0 = spans.Single(span => span.MessageQueue!.QueueId == 0);
        Assert.Equal(new MessageQueue("TSpan", "broker-a", 0), q0.MessageQueue);
        Assert.Equal(pulled[0].StoreTimestamp, q0.MinTimeStamp);
        Assert.Equal(pulled[4].StoreTimestamp, q0.MaxTimeStamp);
        Assert.Equal(pulled[2].StoreTimestamp, q0.ConsumeTimeStamp);
        Assert.InRange(q0.DelayTime, before - pulled[3].StoreTimestamp, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - pulled[3].StoreTimestamp);

        var q1 = spans.Single(span => span.MessageQueue!.QueueId == 1);
        Assert.Equal((-1L, -1L, -1L), (q1.MinTimeStamp, q1.MaxTimeStamp, q1.ConsumeTimeStamp));
        // Apache's quirk, kept: no committed offset (-1) is "below" the empty queue's max (0), and the store time of
        // offset -1 is -1, so the delay is now + 1.
        Assert.True(q1.DelayTime > before, $"delay {q1.DelayTime}");
    }

    [Fact]
    public async Task An_unknown_topic_gets_TOPIC_NOT_EXIST()
    {
        var response = await QueryAsync("NoSuchTopic");

        Assert.Equal(ResponseCode.TopicNotExist, response.Code);
        Assert.Equal("topic[NoSuchTopic] not exist", response.Remark);
    }
}
