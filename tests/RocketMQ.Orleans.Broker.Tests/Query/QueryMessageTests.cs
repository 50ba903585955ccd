using System.Text;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Query;

public sealed class QueryMessageTests : IAsyncLifetime
{
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BrokerTestHost.StartAsync();
        _host.CreateTopic("TQ");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<RemotingCommand> QueryAsync(string key, bool unique = false, string topic = "TQ")
    {
        var request = RemotingCommand.CreateRequest(RequestCode.QueryMessage, new QueryMessageRequestHeader
        {
            Topic = topic,
            Key = key,
            MaxNum = 32,
            BeginTimestamp = 0,
            EndTimestamp = long.MaxValue,
        });
        if (unique)
        {
            request.ExtFields!["_UNIQUE_KEY_QUERY"] = "true";
        }

        return _host.InvokeAsync(request);
    }

    [Fact]
    public async Task ByKey_ReturnsEveryMessageCarryingIt()
    {
        await _host.SendOkAsync("TQ", "one", keys: "order-1 shared");
        await _host.SendOkAsync("TQ", "two", keys: "order-2 shared");
        await _host.SendOkAsync("TQ", "three", keys: "order-3");
        await _host.Store.WaitForDispatchAsync();

        var response = await QueryAsync("shared");

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal(["one", "two"], BrokerTestHost.Decode(response).Select(m => Encoding.UTF8.GetString(m.Body)).Order());
        var header = response.ReadHeader<QueryMessageResponseHeader>();
        Assert.True(header.IndexLastUpdatePhyoffset >= 0);
    }

    [Fact]
    public async Task ByUniqueKey_FindsTheMessage()
    {
        await _host.SendOkAsync("TQ", "unique", uniqKey: "7F000001000018B4AAC2000000000001");
        await _host.Store.WaitForDispatchAsync();

        var response = await QueryAsync("7F000001000018B4AAC2000000000001", unique: true);

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal("unique", Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(response)).Body));
    }

    [Fact]
    public async Task UnknownKey_OrOtherTopic_IsQueryNotFound()
    {
        await _host.SendOkAsync("TQ", "one", keys: "k");
        await _host.Store.WaitForDispatchAsync();

        var missing = await QueryAsync("nothing");
        var otherTopic = await QueryAsync("k", topic: "Elsewhere");

        Assert.Equal(ResponseCode.QueryNotFound, missing.Code);
        Assert.Equal("can not find message, maybe time range not correct", missing.Remark);
        Assert.Equal(ResponseCode.QueryNotFound, otherTopic.Code);
    }

    [Fact]
    public async Task ViewById_ReturnsTheStoredMessage()
    {
        var sent = await _host.SendOkAsync("TQ", "viewed", tags: "V");
        Assert.True(MessageIds.TryParseOffsetMessageId(sent.MsgId, out _, out var offset));

        var response = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.ViewMessageById, new ViewMessageRequestHeader { Offset = offset }));

        Assert.Equal(ResponseCode.Success, response.Code);
        var message = StoredMessageDecoder.Decode(response.Body.Span);
        Assert.Equal("viewed", Encoding.UTF8.GetString(message.Body));
        Assert.Equal(sent.MsgId, message.MsgId);
    }

    [Fact]
    public async Task ViewById_AtAnAddressWithoutMessage_IsSystemError()
    {
        var sent = await _host.SendOkAsync("TQ", "x");
        Assert.True(MessageIds.TryParseOffsetMessageId(sent.MsgId, out _, out var offset));

        var response = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.ViewMessageById, new ViewMessageRequestHeader { Offset = offset + 3 }));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal("can not find message by the offset, " + (offset + 3), response.Remark);
    }
}
