using System.Text;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Send;

public sealed class SendBatchTests : IAsyncLifetime
{
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Batch_StoresEachMessage_AndAnswersEveryOffsetId()
    {
        _host.CreateTopic("TB");
        var entries = Enumerable.Range(0, 3).Select(i => BatchMessageEntry.Create(i, Encoding.UTF8.GetBytes("m" + i),
            [new(MessageConst.PropertyTags, "T" + i), new(MessageConst.PropertyUniqClientMessageIdKeyidx, "U" + i)])).ToList();
        var header = BrokerTestHost.SendHeader("TB", 1, BrokerTestHost.Properties(extra: [("WAIT", "true"), ("UNIQ_KEY", "BATCH")]));
        header.Batch = true;
        var request = RemotingCommand.CreateRequest(RequestCode.SendBatchMessage, SendMessageRequestHeaderV2.FromV1(header), MessageBatchCodec.Encode(entries));

        var response = await _host.InvokeAsync(request);

        Assert.Equal(ResponseCode.Success, response.Code);
        var answer = response.ReadHeader<SendMessageResponseHeader>();
        Assert.Equal(1, answer.QueueId);
        Assert.Equal(0, answer.QueueOffset);
        var ids = answer.MsgId.Split(',');
        Assert.Equal(3, ids.Length);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(MessageIds.TryParseOffsetMessageId(ids[i], out _, out var offset));
            using var stored = await _host.Store.ReadMessageAsync(offset);
            var message = StoredMessageDecoder.Decode(stored!.Span);
            Assert.Equal("m" + i, Encoding.UTF8.GetString(message.Body));
            Assert.Equal(i, message.Flag);
            Assert.Equal("T" + i, message.Tags);
            Assert.Equal("U" + i, message.UniqueKey);
            Assert.Equal(i, message.QueueOffset);
            Assert.Equal("DefaultCluster", message.GetProperty(MessageConst.PropertyCluster));
            Assert.Null(message.GetProperty(MessageConst.PropertyWaitStoreMsgOk));
        }
    }

    [Fact]
    public async Task DelayedBatch_IsMessageIllegal()
    {
        _host.CreateTopic("TB");
        var header = BrokerTestHost.SendHeader("TB", 0, BrokerTestHost.Properties(extra: ("DELAY", "2")));
        header.Batch = true;
        var body = MessageBatchCodec.Encode([BatchMessageEntry.Create(0, "x"u8.ToArray(), [])]);
        var response = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.SendBatchMessage, SendMessageRequestHeaderV2.FromV1(header), body));

        Assert.Equal(ResponseCode.MessageIllegal, response.Code);
        Assert.StartsWith("the message is illegal, maybe msg body or properties length not matched.", response.Remark);
    }
}
