using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests;

/// <summary>
/// ali-ons producer → our codecs doing what a broker does (decode the send, store the entry, answer a
/// pull) → ali-ons consumer pull path (MQClientAPI.pullMessage). What the consumer sees must be what the
/// producer sent. No socket and no broker: only the codecs on both sides.
/// </summary>
public sealed class AliOnsRoundTripTests
{
    private static readonly IPEndPoint StoreHost = new(IPAddress.Parse("192.168.7.21"), 10911);
    private static readonly IPEndPoint ClientHost = new(IPAddress.Parse("10.0.0.7"), 53111);

    [Theory]
    [InlineData(300)]   // sent as is
    [InlineData(6000)]  // ali-ons zlib-compresses bodies from 4 KiB and sets CompressedFlag; its consumer inflates
    public void Message_sent_by_ali_ons_is_pulled_back_by_ali_ons_unchanged(int bodyLength)
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, bodyLength).Select(i => (char)('a' + (i * 7 % 26)))));
        var userProperties = new Dictionary<string, string> { ["city"] = "Zürich", ["emoji"] = "🚀 ✓ 消息" };
        var sent = AliOnsProducer.Send(body, userProperties, "order-1", "订单-2");

        var send = Frames.ReadSingle(sent.Frame);
        var stored = StoreAsBrokerWould(SendMessageRequestHeaderV2.FromExtFields(send.ExtFields!).ToV1(), send.Body, queueOffset: 5, commitLogOffset: 0x2_0000_0000L);
        var pullBody = StoredMessageEncoder.Encode(stored);

        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.Opaque = 31;
        response.WriteHeader(new PullMessageResponseHeader { NextBeginOffset = 6, MinOffset = 0, MaxOffset = 6, SuggestWhichBrokerId = 0 });
        response.Body = pullBody;

        var pulled = PullInAliOns(response, queueOffset: 5);

        // The pull request ali-ons sent alongside decodes on our side.
        var pullRequest = Frames.ReadSingle(Convert.FromHexString(pulled["requestFrameHex"]!.GetValue<string>()));
        Assert.Equal(RequestCode.PullMessage, pullRequest.Code);
        var pullHeader = PullMessageRequestHeader.FromExtFields(pullRequest.ExtFields!);
        Assert.Equal(AliOnsProducer.Topic, pullHeader.Topic);
        Assert.Equal(AliOnsProducer.QueueId, pullHeader.QueueId);
        Assert.Equal(5, pullHeader.QueueOffset);
        Assert.Equal(15000, pullHeader.SuspendTimeoutMillis);

        Assert.Equal("FOUND", pulled["pullStatus"]!.GetValue<string>());
        Assert.Equal(6, pulled["nextBeginOffset"]!.GetValue<long>());
        Assert.Equal(0, pulled["minOffset"]!.GetValue<long>());
        Assert.Equal(6, pulled["maxOffset"]!.GetValue<long>());

        var message = Assert.Single(pulled["messages"]!.AsArray())!;
        Assert.Equal(AliOnsProducer.Topic, message["topic"]!.GetValue<string>());
        Assert.Equal(AliOnsProducer.Tags, message["tags"]!.GetValue<string>());
        Assert.Equal("order-1 订单-2", message["keys"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexString(body), message["bodyHex"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(stored.SysFlag, message["sysFlag"]!.GetValue<int>());
        Assert.Equal(bodyLength >= 4096, (stored.SysFlag & MessageSysFlag.CompressedFlag) != 0);
        Assert.Equal(sent.BornTimestamp.ToString(), message["bornTimestamp"]!.GetValue<string>());
        Assert.Equal(ClientHost.ToString(), message["bornHost"]!.GetValue<string>());
        Assert.Equal(AliOnsProducer.QueueId, message["queueId"]!.GetValue<int>());
        Assert.Equal("5", message["queueOffset"]!.GetValue<string>());
        Assert.Equal(MessageIds.CreateOffsetMessageId(StoreHost, 0x2_0000_0000L), message["msgId"]!.GetValue<string>());

        var properties = message["properties"]!.AsObject()
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var expected = new Dictionary<string, string>(userProperties)
        {
            [MessageConst.PropertyTags] = AliOnsProducer.Tags,
            [MessageConst.PropertyKeys] = "order-1 订单-2",
            [MessageConst.PropertyDelayTimeLevel] = AliOnsProducer.DelayTimeLevel.ToString(),
            // ali-ons' pullMessage adds these two from the response header.
            [MessageConst.PropertyMinOffset] = "0",
            [MessageConst.PropertyMaxOffset] = "6",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), properties.OrderBy(p => p.Key));
    }

    [Fact]
    public void Pull_not_found_reply_gives_ali_ons_numeric_offsets_and_no_messages()
    {
        var response = RemotingCommand.CreateResponse(ResponseCode.PullNotFound, "no new message");
        response.Opaque = 32;
        response.WriteHeader(new PullMessageResponseHeader { NextBeginOffset = 1L << 33, MinOffset = 3, MaxOffset = 1L << 33, SuggestWhichBrokerId = 0 });

        var pulled = PullInAliOns(response, queueOffset: 1L << 33);

        Assert.Equal("NO_NEW_MSG", pulled["pullStatus"]!.GetValue<string>());
        Assert.Equal(1L << 33, pulled["nextBeginOffset"]!.GetValue<long>());
        Assert.Equal(3, pulled["minOffset"]!.GetValue<long>());
        Assert.Equal(1L << 33, pulled["maxOffset"]!.GetValue<long>());
        Assert.Empty(pulled["messages"]!.AsArray());
    }

    private static MessageExt StoreAsBrokerWould(SendMessageRequestHeader header, ReadOnlyMemory<byte> body, long queueOffset, long commitLogOffset) => new()
    {
        Topic = header.Topic,
        QueueId = header.QueueId,
        Flag = header.Flag,
        SysFlag = header.SysFlag,
        BornTimestamp = header.BornTimestamp,
        BornHost = ClientHost,
        StoreTimestamp = header.BornTimestamp + 3,
        StoreHost = StoreHost,
        QueueOffset = queueOffset,
        CommitLogOffset = commitLogOffset,
        ReconsumeTimes = header.ReconsumeTimes ?? 0,
        Properties = MessageProperties.Decode(header.Properties),
        Body = body.ToArray(),
    };

    private static JsonNode PullInAliOns(RemotingCommand response, long queueOffset) =>
        NodeRunner.Run(new JsonObject
        {
            ["op"] = "pullMessage",
            ["consumerGroup"] = "CID_interop",
            ["topic"] = AliOnsProducer.Topic,
            ["queueId"] = AliOnsProducer.QueueId,
            ["queueOffset"] = queueOffset,
            ["opaque"] = response.Opaque,
            ["responseFrameHex"] = Convert.ToHexString(RemotingCommandCodec.Encode(response)),
        });
}
