using System.Text;
using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests;

/// <summary>
/// Frames written by ali-ons' RemotingCommand.encode → our RemotingCommandCodec. ali-ons writes a JSON
/// header whose extFields keep JavaScript's raw numbers and booleans, which a Java broker accepts.
/// </summary>
public sealed class AliOnsRequestToCSharpTests
{
    private const string Escapes = "quote\" back\\ slash/ tab\t newline\n ctl\u0001 中文 🚀";

    [Fact]
    public void Pull_request_with_raw_json_numbers_and_booleans_decodes_field_for_field()
    {
        var extFields = new JsonObject
        {
            ["consumerGroup"] = "CID_消费者",
            ["topic"] = "TopicTest",
            ["queueId"] = 3,
            ["queueOffset"] = 1L << 40,
            ["maxMsgNums"] = 32,
            ["sysFlag"] = 7,
            ["commitOffset"] = 0,
            ["suspendTimeoutMillis"] = 15000,
            ["subscription"] = "TagA || TagB",
            ["subVersion"] = 1_764_000_000_123L,
            ["expressionType"] = "TAG",
            ["escapes"] = Escapes,
            ["yes"] = true,
            ["no"] = false,
            ["negative"] = -5,
        };
        var job = new JsonObject
        {
            ["op"] = "encodeRequest",
            ["code"] = RequestCode.PullMessage,
            ["extFields"] = extFields,
            ["opaque"] = 0x7FFF_0001,
            ["remark"] = "hello 世界",
            ["bodyHex"] = "00ff10",
        };

        var frame = Convert.FromHexString(NodeRunner.Run(job)["frameHex"]!.GetValue<string>());
        var command = Frames.ReadSingle(frame);

        Assert.Equal(RequestCode.PullMessage, command.Code);
        Assert.Equal(LanguageCode.JAVA, command.Language);
        Assert.Equal(121, command.Version);
        Assert.Equal(0x7FFF_0001, command.Opaque);
        Assert.Equal(0, command.Flag);
        Assert.False(command.IsResponse);
        Assert.False(command.IsOneway);
        Assert.Equal("hello 世界", command.Remark);
        Assert.Equal(SerializeType.Json, command.SerializeType);
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10 }, command.Body.ToArray());

        var fields = command.ExtFields!;
        Assert.Equal("3", fields["queueId"]);
        Assert.Equal("1099511627776", fields["queueOffset"]);
        Assert.Equal("1764000000123", fields["subVersion"]);
        Assert.Equal("true", fields["yes"]);
        Assert.Equal("false", fields["no"]);
        Assert.Equal("-5", fields["negative"]);
        Assert.Equal(Escapes, fields["escapes"]);
        Assert.Equal("CID_消费者", fields["consumerGroup"]);
        Assert.Equal(extFields.Count, fields.Count);

        var header = PullMessageRequestHeader.FromExtFields(fields);
        Assert.Equal("CID_消费者", header.ConsumerGroup);
        Assert.Equal("TopicTest", header.Topic);
        Assert.Equal(3, header.QueueId);
        Assert.Equal(1L << 40, header.QueueOffset);
        Assert.Equal(32, header.MaxMsgNums);
        Assert.Equal(7, header.SysFlag);
        Assert.Equal(0, header.CommitOffset);
        Assert.Equal(15000, header.SuspendTimeoutMillis);
        Assert.Equal("TagA || TagB", header.Subscription);
        Assert.Equal(1_764_000_000_123L, header.SubVersion);
        Assert.Equal("TAG", header.ExpressionType);

        // The transport-less entry point must agree with the framing one.
        var direct = RemotingCommandCodec.Decode(frame.AsSpan(4));
        Assert.Equal(command.Opaque, direct.Opaque);
        Assert.Equal(fields.OrderBy(f => f.Key), direct.ExtFields!.OrderBy(f => f.Key));
    }

    [Fact]
    public void Request_without_custom_header_and_oneway_request_decode()
    {
        var heartbeatBody = "{\"clientID\":\"10.0.0.7@1234\",\"consumerDataSet\":[],\"producerDataSet\":[{\"groupName\":\"PG\"}]}";
        var results = NodeRunner.Run(new JsonObject
        {
            ["ops"] = new JsonArray(
                new JsonObject { ["op"] = "encodeRequest", ["code"] = RequestCode.HeartBeat, ["opaque"] = 9, ["bodyHex"] = Convert.ToHexString(Encoding.UTF8.GetBytes(heartbeatBody)) },
                new JsonObject { ["op"] = "encodeRequest", ["code"] = RequestCode.UpdateConsumerOffset, ["opaque"] = 10, ["oneway"] = true, ["extFields"] = new JsonObject { ["queueId"] = 1, ["commitOffset"] = 99 } }),
        }).AsArray();

        var heartbeat = Frames.ReadSingle(Convert.FromHexString(results[0]!["frameHex"]!.GetValue<string>()));
        Assert.Equal(RequestCode.HeartBeat, heartbeat.Code);
        Assert.Equal(9, heartbeat.Opaque);
        Assert.Null(heartbeat.Remark);
        Assert.True(heartbeat.ExtFields is null || heartbeat.ExtFields.Count == 0);
        Assert.Equal(heartbeatBody, Encoding.UTF8.GetString(heartbeat.Body.Span));

        var oneway = Frames.ReadSingle(Convert.FromHexString(results[1]!["frameHex"]!.GetValue<string>()));
        Assert.Equal(RequestCode.UpdateConsumerOffset, oneway.Code);
        Assert.Equal(2, oneway.Flag);
        Assert.True(oneway.IsOneway);
        Assert.False(oneway.IsResponse);
        Assert.True(oneway.Body.IsEmpty);
        Assert.Equal("99", oneway.ExtFields!["commitOffset"]);
    }

    [Fact]
    public void Offset_commit_sent_through_invoke_oneway_carries_no_oneway_flag()
    {
        // ali-ons' invokeOneway never calls markOnewayRPC, so a broker sees a normal request and answers it
        // (as Apache does); tcp-base drops the unsolicited reply.
        var result = NodeRunner.Run(new JsonObject
        {
            ["op"] = "updateConsumerOffsetOneway",
            ["opaque"] = 44,
            ["consumerGroup"] = "CID_interop",
            ["topic"] = "TopicTest",
            ["queueId"] = 1,
            ["commitOffset"] = 1L << 35,
        });

        var command = Frames.ReadSingle(Convert.FromHexString(result["frameHex"]!.GetValue<string>()));

        Assert.Equal(RequestCode.UpdateConsumerOffset, command.Code);
        Assert.Equal(44, command.Opaque);
        Assert.Equal(0, command.Flag);
        Assert.False(command.IsOneway);
        var header = UpdateConsumerOffsetRequestHeader.FromExtFields(command.ExtFields!);
        Assert.Equal("CID_interop", header.ConsumerGroup);
        Assert.Equal("TopicTest", header.Topic);
        Assert.Equal(1, header.QueueId);
        Assert.Equal(1L << 35, header.CommitOffset);
    }
}
