using System.Diagnostics;
using Apache.Rocketmq.V2;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using Code = Apache.Rocketmq.V2.Code;
using Encoding = System.Text.Encoding;
using MessageQueue = Apache.Rocketmq.V2.MessageQueue;
using Message = Apache.Rocketmq.V2.Message;
using SubscriptionGroupConfig = RocketMQ.Orleans.Protocol.Bodies.SubscriptionGroupConfig;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// RocketMQ 5 POP over remoting (POP_MESSAGE 200050 and the codes around it) with raw frames to a silo process, and
/// its interplay with the gRPC endpoint of the same silo: one POP service, one POP_CK. No 5.x remoting client is
/// runnable here (the Java client needs Maven Central; npm clients pop over gRPC only), so the frames are built with
/// our protocol library and checked against Apache's header fields and codes.
/// </summary>
public sealed class RemotingPopTests(GrpcSilo silo) : IClassFixture<GrpcSilo>
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_popped_over_remoting_carries_POP_CK_and_is_acked_over_grpc_with_it()
    {
        const string topic = "RemotingPopTopic";
        const string group = "GID_remoting_pop";
        await SendAsync(topic, "popped over remoting");
        await using var connection = await ConnectAsync();

        var response = await PopAsync(connection, topic, group, pollMillis: 5000);

        Assert.Equal(ResponseCode.Success, response.Code);
        var header = response.ReadHeader<PopMessageResponseHeader>();
        Assert.Equal(30_000, header.InvisibleTime);
        Assert.Equal(0, header.ReviveQid);
        var message = Assert.Single(StoredMessageDecoder.DecodeAll(response.Body.Span));
        Assert.Equal(topic, message.Topic);
        Assert.Equal("popped over remoting", Encoding.UTF8.GetString(message.Body));
        var popCk = message.Properties[MessageConst.PropertyPopCk];
        Assert.True(PopReceiptHandle.TryParse(popCk, out var handle));
        Assert.Equal((message.QueueId, message.QueueOffset, header.PopTime, 30_000L), (handle.Value.QueueId, handle.Value.QueueOffset, handle.Value.PopTime, handle.Value.InvisibleTime));
        Assert.Equal($"0 {message.QueueId} {message.QueueOffset}", header.StartOffsetInfo);
        Assert.Equal($"0 {message.QueueId} {message.QueueOffset}", header.MsgOffsetInfo);

        var ack = await silo.Client.AckMessageAsync(new AckMessageRequest
        {
            Group = Res(group),
            Topic = Res(topic),
            Entries = { new AckMessageEntry { MessageId = message.Properties[MessageConst.PropertyUniqClientMessageIdKeyidx], ReceiptHandle = popCk } },
        }, GrpcSilo.Headers());
        Assert.Equal(Code.Ok, ack.Status.Code);
        Assert.Equal(message.QueueOffset + 1, await BrokerAdmin.QueryConsumerOffsetAsync(silo.Silo, group, topic, message.QueueId));

        // Nothing left: the pop is held for its poll time, then answers POLLING_TIMEOUT.
        var started = Stopwatch.GetTimestamp();
        var empty = await PopAsync(connection, topic, group, pollMillis: 1000);
        Assert.Equal(ResponseCode.PollingTimeout, empty.Code);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(900), "the pop was held for its poll time");
    }

    [Fact]
    public async Task Messages_popped_over_grpc_are_acked_changed_and_batch_acked_over_remoting()
    {
        const string topic = "RemotingAckTopic";
        const string group = "GID_remoting_ack";
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(topic, "m" + i);
        }

        var received = await ReceiveAsync(topic, group, expect: 3);
        Assert.Equal(3, received.Count);
        await using var connection = await ConnectAsync();

        var first = received[0].SystemProperties;
        var ack = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.AckMessage, new AckMessageRequestHeader
        {
            ConsumerGroup = group, Topic = topic, QueueId = first.QueueId, Offset = first.QueueOffset, ExtraInfo = first.ReceiptHandle,
        }), CallTimeout);
        Assert.Equal(ResponseCode.Success, ack.Code);

        var second = received[1].SystemProperties;
        var changed = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.ChangeMessageInvisibleTime, new ChangeInvisibleTimeRequestHeader
        {
            ConsumerGroup = group, Topic = topic, QueueId = second.QueueId, Offset = second.QueueOffset, ExtraInfo = second.ReceiptHandle, InvisibleTime = 60_000,
        }), CallTimeout);
        Assert.Equal(ResponseCode.Success, changed.Code);
        var changedHeader = changed.ReadHeader<ChangeInvisibleTimeResponseHeader>();
        Assert.Equal(60_000, changedHeader.InvisibleTime);

        var batch = new BatchAckMessageRequestBody { BrokerName = BrokerNameOf(second.ReceiptHandle) };
        foreach (var (props, popTime, invisible) in new[]
        {
            (second, changedHeader.PopTime, 60_000L),
            (received[2].SystemProperties, HandleOf(received[2]).PopTime, HandleOf(received[2]).InvisibleTime),
        })
        {
            var entry = new BatchAck
            {
                ConsumerGroup = group, Topic = topic, Retry = "0", QueueId = props.QueueId, StartOffset = props.QueueOffset, PopTime = popTime, InvisibleTime = invisible,
            };
            entry.Add(props.QueueOffset);
            batch.Acks.Add(entry);
        }

        var batchAck = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.BatchAckMessage, body: batch.Encode()), CallTimeout);
        Assert.Equal(ResponseCode.Success, batchAck.Code);

        foreach (var message in received)
        {
            var queueId = message.SystemProperties.QueueId;
            var last = received.Where(m => m.SystemProperties.QueueId == queueId).Max(m => m.SystemProperties.QueueOffset);
            Assert.Equal(last + 1, await BrokerAdmin.QueryConsumerOffsetAsync(silo.Silo, group, topic, queueId));
        }

        var garbage = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.AckMessage, new AckMessageRequestHeader
        {
            ConsumerGroup = group, Topic = topic, QueueId = first.QueueId, Offset = first.QueueOffset, ExtraInfo = "not a handle",
        }), CallTimeout);
        Assert.Equal(ResponseCode.MessageIllegal, garbage.Code);
    }

    [Fact]
    public async Task A_held_pop_returns_when_a_message_arrives_and_peek_notification_and_polling_info_answer()
    {
        const string topic = "RemotingLongPollTopic";
        const string group = "GID_remoting_long_poll";
        await SendAsync(topic, "creates the topic");
        await using var connection = await ConnectAsync();
        var peek = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.PeekMessage,
            new PeekMessageRequestHeader { ConsumerGroup = group, Topic = topic, QueueId = -1, MaxMsgNums = 4 }), CallTimeout);
        Assert.Equal(ResponseCode.Success, peek.Code);
        var peeked = Assert.Single(StoredMessageDecoder.DecodeAll(peek.Body.Span));
        Assert.Equal("creates the topic", Encoding.UTF8.GetString(peeked.Body));
        Assert.False(peeked.Properties.ContainsKey(MessageConst.PropertyPopCk), "a peek takes nothing");

        // SQL92 needs the broker's property filtering (off here), as a pull's does.
        var sql = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.PopMessage, new PopMessageRequestHeader
        {
            ConsumerGroup = group, Topic = topic, QueueId = -1, MaxMsgNums = 1, InvisibleTime = 30_000, PollTime = 0, BornTime = Now(), ExpType = "SQL92", Exp = "a > 1",
        }), CallTimeout);
        Assert.Equal(ResponseCode.SystemError, sql.Code);

        Assert.Equal(ResponseCode.Success, (await PopAsync(connection, topic, group, pollMillis: 0, ack: true)).Code);

        var peekEmpty = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.PeekMessage,
            new PeekMessageRequestHeader { ConsumerGroup = group, Topic = topic, QueueId = -1, MaxMsgNums = 4 }), CallTimeout);
        Assert.Equal(ResponseCode.PullNotFound, peekEmpty.Code);
        var notified = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.Notification, new NotificationRequestHeader
        {
            ConsumerGroup = group, Topic = topic, QueueId = -1, PollTime = 0, BornTime = Now(),
        }), CallTimeout);
        Assert.Equal(ResponseCode.Success, notified.Code);
        Assert.False(notified.ReadHeader<NotificationResponseHeader>().HasMsg);

        await using var holder = await ConnectAsync();
        var held = PopAsync(holder, topic, group, pollMillis: 20_000);
        var pollingNum = 0;
        for (var i = 0; i < 100 && pollingNum == 0; i++)
        {
            var info = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.PollingInfo,
                new QueryConsumerOffsetRequestHeader { ConsumerGroup = group, Topic = topic, QueueId = -1 }), CallTimeout);
            Assert.Equal(ResponseCode.Success, info.Code);
            pollingNum = info.ReadHeader<PollingInfoResponseHeader>().PollingNum;
            if (pollingNum == 0)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(1, pollingNum);
        Assert.False(held.IsCompleted);
        var started = Stopwatch.GetTimestamp();
        await SendAsync(topic, "wakes the pop");
        var woken = await held;
        Assert.Equal(ResponseCode.Success, woken.Code);
        Assert.Equal("wakes the pop", Encoding.UTF8.GetString(Assert.Single(StoredMessageDecoder.DecodeAll(woken.Body.Span)).Body));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "the held pop answered on arrival, not at its poll time");

        // In flight now: a peek does not see it, and it stays in flight.
        var peekAfter = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.PeekMessage,
            new PeekMessageRequestHeader { ConsumerGroup = group, Topic = topic, QueueId = -1, MaxMsgNums = 4 }), CallTimeout);
        Assert.Equal(ResponseCode.PullNotFound, peekAfter.Code);
    }

    [Fact]
    public async Task An_orderly_pop_over_remoting_locks_the_queue_until_its_batch_is_acked()
    {
        const string topic = "RemotingOrderTopic";
        const string group = "GID_remoting_order";
        await BrokerAdmin.CreateGroupAsync(silo.Silo, new SubscriptionGroupConfig { GroupName = group, ConsumeMessageOrderly = true });
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(topic, "o" + i, messageGroup: "order-1");
        }

        await using var connection = await ConnectAsync();
        await WaitUntilPeekableAsync(connection, topic, group, count: 3);
        var first = await PopAsync(connection, topic, group, pollMillis: 5000, maxMsgNums: 2, order: true);
        Assert.Equal(ResponseCode.Success, first.Code);
        var header = first.ReadHeader<PopMessageResponseHeader>();
        Assert.Equal(PopReceiptHandle.OrderReviveQueueId, header.ReviveQid);
        var messages = StoredMessageDecoder.DecodeAll(first.Body.Span);
        Assert.Equal(["o0", "o1"], messages.Select(m => Encoding.UTF8.GetString(m.Body)));
        Assert.Equal(string.Join(';', messages.Select(m => $"0 qo{m.QueueId}%{m.QueueOffset} 0")), header.OrderCountInfo);

        // o2 is on the same queue (one message group, one queue): not handed out while o0 and o1 are in flight.
        Assert.Equal(ResponseCode.PollingTimeout, (await PopAsync(connection, topic, group, pollMillis: 0, order: true)).Code);
        foreach (var message in messages)
        {
            var ack = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.AckMessage, new AckMessageRequestHeader
            {
                ConsumerGroup = group, Topic = topic, QueueId = message.QueueId, Offset = message.QueueOffset, ExtraInfo = message.Properties[MessageConst.PropertyPopCk],
            }), CallTimeout);
            Assert.Equal(ResponseCode.Success, ack.Code);
        }

        var next = await PopAsync(connection, topic, group, pollMillis: 5000, order: true);
        Assert.Equal(["o2"], StoredMessageDecoder.DecodeAll(next.Body.Span).Select(m => Encoding.UTF8.GetString(m.Body)));
    }

    [Fact]
    public async Task A_pop_group_and_a_pull_group_of_one_topic_consume_independently()
    {
        const string topic = "RemotingIndependentTopic";
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(topic, "i" + i);
        }

        await using var connection = await ConnectAsync();
        var popped = await PopAsync(connection, topic, "GID_indep_pop", pollMillis: 5000, ack: true);
        Assert.Equal(ResponseCode.Success, popped.Code);
        var poppedCount = StoredMessageDecoder.DecodeAll(popped.Body.Span).Count;
        while (poppedCount < 3)
        {
            var more = await PopAsync(connection, topic, "GID_indep_pop", pollMillis: 2000, ack: true);
            Assert.Equal(ResponseCode.Success, more.Code);
            poppedCount += StoredMessageDecoder.DecodeAll(more.Body.Span).Count;
        }

        // The pop group's acks moved its own offsets only: a queue-assigned (pull) group still reads everything.
        var pulled = new List<string>();
        var answers = new List<string>();
        foreach (var queueId in Enumerable.Range(0, 8))
        {
            var pull = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.PullMessage, new PullMessageRequestHeader
            {
                ConsumerGroup = "GID_indep_pull", Topic = topic, QueueId = queueId, QueueOffset = 0, MaxMsgNums = 32, SysFlag = 4 /* subscription */, SubVersion = 0,
                Subscription = "*", ExpressionType = "TAG",
            }), CallTimeout);
            answers.Add($"{queueId}:{pull.Code} {pull.Remark}");
            if (pull.Code == ResponseCode.Success)
            {
                pulled.AddRange(StoredMessageDecoder.DecodeAll(pull.Body.Span).Select(m => Encoding.UTF8.GetString(m.Body)));
            }
        }

        Assert.True(pulled.Count == 3, string.Join("; ", answers));
        Assert.Equal(["i0", "i1", "i2"], pulled.Order());
    }

    /// <summary>
    /// A send is answered once stored and reaches its consume queue just after: waits until a peek (which takes
    /// nothing) sees <paramref name="count"/> messages, so a pop finds the whole batch (a loaded machine let one see only the first).
    /// </summary>
    private static async Task WaitUntilPeekableAsync(RemotingConnection connection, string topic, string group, int count)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(CallTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var peek = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.PeekMessage,
                new PeekMessageRequestHeader { ConsumerGroup = group, Topic = topic, QueueId = -1, MaxMsgNums = count }), CallTimeout);
            if (peek.Code == ResponseCode.Success && StoredMessageDecoder.DecodeAll(peek.Body.Span).Count >= count)
            {
                return;
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, $"{count} messages of {topic} were not readable within {CallTimeout}");
            await Task.Delay(20);
        }
    }

    private Task<RemotingConnection> ConnectAsync() => RemotingConnection.ConnectAsync(silo.Silo.BrokerAddress, CallTimeout);

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static Resource Res(string name) => new() { Name = name };

    private static PopReceiptHandle HandleOf(Message message) =>
        PopReceiptHandle.TryParse(message.SystemProperties.ReceiptHandle, out var handle) ? handle.Value : throw new InvalidOperationException("no handle");

    private static string BrokerNameOf(string receiptHandle) =>
        PopReceiptHandle.TryParse(receiptHandle, out var handle) ? handle.Value.BrokerName : throw new InvalidOperationException("no handle");

    /// <summary>POP_MESSAGE; with <paramref name="ack"/> every message found is acked over remoting at once.</summary>
    private static async Task<RemotingCommand> PopAsync(RemotingConnection connection, string topic, string group, long pollMillis, int maxMsgNums = 16,
        bool order = false, bool ack = false)
    {
        var response = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.PopMessage, new PopMessageRequestHeader
        {
            ConsumerGroup = group, Topic = topic, QueueId = -1, MaxMsgNums = maxMsgNums, InvisibleTime = 30_000, PollTime = pollMillis, BornTime = Now(),
            InitMode = 0, ExpType = "TAG", Exp = "*", Order = order,
        }), CallTimeout + TimeSpan.FromMilliseconds(pollMillis));
        if (ack && response.Code == ResponseCode.Success)
        {
            foreach (var message in StoredMessageDecoder.DecodeAll(response.Body.Span))
            {
                var acked = await connection.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.AckMessage, new AckMessageRequestHeader
                {
                    ConsumerGroup = group, Topic = topic, QueueId = message.QueueId, Offset = message.QueueOffset, ExtraInfo = message.Properties[MessageConst.PropertyPopCk],
                }), CallTimeout);
                Assert.Equal(ResponseCode.Success, acked.Code);
            }
        }

        return response;
    }

    private async Task SendAsync(string topic, string body, string? messageGroup = null)
    {
        var route = await silo.Client.QueryRouteAsync(new QueryRouteRequest { Topic = Res(topic) }, GrpcSilo.Headers());
        Assert.Equal(Code.Ok, route.Status.Code);
        var system = new SystemProperties
        {
            MessageId = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            BornTimestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            BornHost = "interop-host",
            MessageType = messageGroup is null ? MessageType.Normal : MessageType.Fifo,
            BodyEncoding = Apache.Rocketmq.V2.Encoding.Identity,
        };
        if (messageGroup is not null)
        {
            system.MessageGroup = messageGroup;
        }

        var sent = await silo.Client.SendMessageAsync(new SendMessageRequest
        {
            Messages = { new Message { Topic = Res(topic), Body = ByteString.CopyFromUtf8(body), SystemProperties = system } },
        }, GrpcSilo.Headers());
        Assert.Equal(Code.Ok, sent.Status.Code);
    }

    private async Task<List<Message>> ReceiveAsync(string topic, string group, int expect)
    {
        var messages = new List<Message>();
        for (var round = 0; round < 10 && messages.Count < expect; round++)
        {
            using var call = silo.Client.ReceiveMessage(new ReceiveMessageRequest
            {
                Group = Res(group),
                MessageQueue = new MessageQueue { Topic = Res(topic), Id = -1 },
                FilterExpression = new FilterExpression { Type = FilterType.Tag, Expression = "*" },
                BatchSize = 16,
                InvisibleDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)),
                LongPollingTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)),
            }, GrpcSilo.Headers(), DateTime.UtcNow.Add(CallTimeout));
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                if (response.ContentCase == ReceiveMessageResponse.ContentOneofCase.Message)
                {
                    messages.Add(response.Message);
                }
            }
        }

        return messages;
    }
}
