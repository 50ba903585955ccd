using System.Text;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests;

public sealed class ProducerTests
{
    [Fact]
    public async Task Send_writes_a_V2_header_with_group_topic_queue_and_system_properties()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions(), new ProducerOptions { ProducerGroup = "pg" });
        var message = new Message("Orders", Encoding.UTF8.GetBytes("hello")) { Tags = "TagA", Keys = "k1 k2", Flag = 7 };
        message.Properties["color"] = "blue";

        var result = await producer.SendAsync(message);

        var request = Assert.Single(broker.RequestsOf(RequestCode.SendMessageV2));
        Assert.Equal(LanguageCode.DOTNET, request.Language);
        var header = SendMessageRequestHeaderV2.FromExtFields(request.ExtFields);
        Assert.Equal("pg", header.A);
        Assert.Equal("Orders", header.B);
        Assert.Equal("TBW102", header.C);
        Assert.Equal(4, header.D);
        Assert.Equal(result.Queue.QueueId, header.E);
        Assert.Equal(0, header.F);
        Assert.InRange(header.G, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(7, header.H);
        Assert.Equal(0, header.J);
        Assert.False(header.M);
        Assert.Equal(FakeBroker.BrokerName, header.N);
        Assert.Equal("hello", Encoding.UTF8.GetString(request.Body.Span));

        var properties = MessageProperties.Decode(header.I);
        Assert.Equal("TagA", properties[MessageConst.PropertyTags]);
        Assert.Equal("k1 k2", properties[MessageConst.PropertyKeys]);
        Assert.Equal("true", properties[MessageConst.PropertyWaitStoreMsgOk]);
        Assert.Equal("blue", properties["color"]);
        Assert.Equal(UniqueKeyGenerator.Length, properties[MessageConst.PropertyUniqClientMessageIdKeyidx].Length);

        Assert.Equal(SendStatus.SendOk, result.Status);
        Assert.Equal(properties[MessageConst.PropertyUniqClientMessageIdKeyidx], result.MsgId);
        Assert.True(MessageIds.TryParseOffsetMessageId(result.OffsetMsgId, out _, out _));
        Assert.Equal(new Protocol.Bodies.MessageQueue("Orders", FakeBroker.BrokerName, header.E), result.Queue);
        Assert.Equal(0, result.QueueOffset);
    }

    [Fact]
    public async Task Sends_go_round_robin_over_the_queues_and_the_route_is_looked_up_once()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());

        var queues = new List<int>();
        for (int i = 0; i < 8; i++)
        {
            queues.Add((await producer.SendAsync("Orders", new byte[] { 1 })).Queue.QueueId);
        }

        Assert.Equal(4, queues.Distinct().Count());
        Assert.All(queues.Chunk(4), chunk => Assert.Equal(4, chunk.Distinct().Count()));
        Assert.Single(broker.RequestsOf(RequestCode.GetRouteInfoByTopic));
    }

    [Fact]
    public async Task Selector_picks_the_queue()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());

        var result = await producer.SendAsync(new Message("Orders", new byte[] { 1 }), (queues, _, arg) => queues[(int)arg!], 3);

        Assert.Equal(3, result.Queue.QueueId);
    }

    [Fact]
    public async Task A_retryable_broker_error_is_retried_and_a_final_one_is_not()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        int calls = 0;
        broker.Handle(RequestCode.SendMessageV2, request =>
            Interlocked.Increment(ref calls) == 1 ? request.CreateResponseTo(ResponseCode.SystemError, "store busy") : null);
        await using var producer = new RocketMQProducer(broker.ClientOptions());

        var result = await producer.SendAsync("Orders", new byte[] { 1 });

        Assert.Equal(SendStatus.SendOk, result.Status);
        Assert.Equal(2, broker.RequestsOf(RequestCode.SendMessageV2).Count);
        var uniqueKeys = broker.RequestsOf(RequestCode.SendMessageV2)
            .Select(request => MessageProperties.Decode(SendMessageRequestHeaderV2.FromExtFields(request.ExtFields).I)[MessageConst.PropertyUniqClientMessageIdKeyidx])
            .Distinct();
        Assert.Single(uniqueKeys);

        broker.Handle(RequestCode.SendMessageV2, request => request.CreateResponseTo(ResponseCode.MessageIllegal, "the message is illegal"));
        var error = await Assert.ThrowsAsync<RocketMQClientException>(() => producer.SendAsync("Orders", new byte[] { 1 }));
        Assert.Equal(ResponseCode.MessageIllegal, error.ResponseCode);
        Assert.Equal("the message is illegal", error.Remark);
        Assert.Equal(3, broker.RequestsOf(RequestCode.SendMessageV2).Count);
    }

    [Fact]
    public async Task A_topic_unknown_to_the_name_server_is_sent_through_the_default_topic_route()
    {
        await using var broker = await FakeBroker.StartAsync();
        await using var producer = new RocketMQProducer(broker.ClientOptions());

        var result = await producer.SendAsync("NewTopic", new byte[] { 1 });

        Assert.Equal("NewTopic", result.Queue.Topic);
        Assert.InRange(result.Queue.QueueId, 0, 3);
        Assert.True(broker.HasTopic("NewTopic"));
    }

    [Fact]
    public async Task Batch_send_encodes_every_message_with_its_own_unique_key()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());
        var messages = Enumerable.Range(0, 3).Select(i => new Message("Orders", new[] { (byte)i }) { Tags = "T" + i }).ToList();

        var result = await producer.SendBatchAsync(messages);

        var request = Assert.Single(broker.RequestsOf(RequestCode.SendBatchMessage));
        var header = SendMessageRequestHeaderV2.FromExtFields(request.ExtFields);
        Assert.True(header.M);
        var entries = MessageBatchCodec.Decode(request.Body);
        Assert.Equal(3, entries.Count);
        var keys = entries.Select(entry => entry.DecodeProperties()[MessageConst.PropertyUniqClientMessageIdKeyidx]).ToList();
        Assert.Equal(string.Join(',', keys), result.MsgId);
        Assert.Equal(["T0", "T1", "T2"], entries.Select(entry => entry.DecodeProperties()[MessageConst.PropertyTags]));
        Assert.Equal(3, broker.Store.MaxOffset("Orders", result.Queue.QueueId));
    }

    [Fact]
    public async Task Invalid_messages_are_refused_before_sending()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());

        await Assert.ThrowsAsync<ArgumentException>(() => producer.SendAsync("Orders", ReadOnlyMemory<byte>.Empty));
        await Assert.ThrowsAsync<ArgumentException>(() => producer.SendAsync("bad topic", new byte[] { 1 }));
        var reserved = new Message("Orders", new byte[] { 1 });
        reserved.Properties[MessageConst.PropertyUniqClientMessageIdKeyidx] = "x";
        await Assert.ThrowsAsync<ArgumentException>(() => producer.SendAsync(reserved));
        Assert.Empty(broker.RequestsOf(RequestCode.SendMessageV2));
    }
}
