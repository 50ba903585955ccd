using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Offsets;

public sealed class OffsetTests : IAsyncLifetime
{
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BrokerTestHost.StartAsync();
        _host.CreateTopic("TO", queueNums: 2);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task UpdateThenQuery_ReturnsTheCommittedOffset()
    {
        var update = RemotingCommand.CreateRequest(RequestCode.UpdateConsumerOffset,
            new UpdateConsumerOffsetRequestHeader { ConsumerGroup = "G", Topic = "TO", QueueId = 1, CommitOffset = 7 });
        var updated = await _host.InvokeAsync(update);
        Assert.Equal(ResponseCode.Success, updated.Code);

        var query = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.QueryConsumerOffset,
            new QueryConsumerOffsetRequestHeader { ConsumerGroup = "G", Topic = "TO", QueueId = 1 }));

        Assert.Equal(ResponseCode.Success, query.Code);
        Assert.Equal(7, query.ReadHeader<QueryConsumerOffsetResponseHeader>().Offset);
    }

    [Fact]
    public async Task QueryWithoutCommit_OnAQueueStartingAtZero_AnswersZero()
    {
        await _host.SendOkAsync("TO", "x");
        await _host.Store.WaitForDispatchAsync();

        var query = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.QueryConsumerOffset,
            new QueryConsumerOffsetRequestHeader { ConsumerGroup = "New", Topic = "TO", QueueId = 0 }));

        Assert.Equal(ResponseCode.Success, query.Code);
        Assert.Equal(0, query.ReadHeader<QueryConsumerOffsetResponseHeader>().Offset);
    }

    [Fact]
    public async Task MaxMinAndEarliest_ReflectTheQueue()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await _host.SendOkAsync("TO", "a", queueId: 1);
        await _host.SendOkAsync("TO", "b", queueId: 1);
        await _host.Store.WaitForDispatchAsync();

        var max = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.GetMaxOffset, new GetMaxOffsetRequestHeader { Topic = "TO", QueueId = 1 }));
        var min = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.GetMinOffset, new GetMinOffsetRequestHeader { Topic = "TO", QueueId = 1 }));
        var emptyMin = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.GetMinOffset, new GetMinOffsetRequestHeader { Topic = "TO", QueueId = 0 }));
        var earliest = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.GetEarliestMsgStoretime,
            new GetEarliestMsgStoretimeRequestHeader { Topic = "TO", QueueId = 1 }));

        Assert.Equal(2, max.ReadHeader<GetMaxOffsetResponseHeader>().Offset);
        Assert.Equal(0, min.ReadHeader<GetMinOffsetResponseHeader>().Offset);
        Assert.Equal(0, emptyMin.ReadHeader<GetMinOffsetResponseHeader>().Offset);
        Assert.InRange(earliest.ReadHeader<GetEarliestMsgStoretimeResponseHeader>().Timestamp, before - 1000, before + 60_000);
    }

    [Fact]
    public async Task SearchByTimestamp_FindsTheFirstMessageStoredAtOrAfterIt()
    {
        await _host.SendOkAsync("TO", "a");
        await _host.Store.WaitForDispatchAsync();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000;

        var first = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.SearchOffsetByTimestamp,
            new SearchOffsetRequestHeader { Topic = "TO", QueueId = 0, Timestamp = 0 }));
        var future = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.SearchOffsetByTimestamp,
            new SearchOffsetRequestHeader { Topic = "TO", QueueId = 0, Timestamp = after }));

        Assert.Equal(ResponseCode.Success, first.Code);
        Assert.Equal(0, first.ReadHeader<SearchOffsetResponseHeader>().Offset);
        Assert.Equal(1, future.ReadHeader<SearchOffsetResponseHeader>().Offset);
    }
}
