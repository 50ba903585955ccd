using System.Buffers.Binary;
using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests;

/// <summary>
/// Frames written by our RemotingCommandCodec → ali-ons' Channel decode path (length prefix, header
/// length, JSON.parse of the header). ali-ons only reads JSON headers, so that is what we answer it with.
/// </summary>
public sealed class CSharpFrameToAliOnsTests
{
    [Fact]
    public void Pull_response_with_ext_fields_and_binary_body_decodes_in_ali_ons()
    {
        var body = Enumerable.Range(0, 512).Select(i => (byte)(i ^ 0x5A)).ToArray();
        var response = RemotingCommand.CreateResponse(ResponseCode.Success, null);
        response.Opaque = 0x0123_4567;
        response.ExtFields = new Dictionary<string, string>
        {
            ["nextBeginOffset"] = "44",
            ["minOffset"] = "0",
            ["maxOffset"] = "1099511627776",
            ["suggestWhichBrokerId"] = "0",
        };
        response.Body = body;

        var frame = RemotingCommandCodec.Encode(response);
        var decoded = DecodeInAliOns(frame);

        Assert.Equal(ResponseCode.Success, decoded["code"]!.GetValue<int>());
        Assert.Equal(0x0123_4567, decoded["opaque"]!.GetValue<int>());
        Assert.True(decoded["isResponseType"]!.GetValue<bool>());
        Assert.False(decoded["isOnewayRPC"]!.GetValue<bool>());
        Assert.Null(decoded["remark"]);
        Assert.Equal(Convert.ToHexString(body), decoded["bodyHex"]!.GetValue<string>(), ignoreCase: true);

        // ali-ons reads these with Number(...) and .toString(); they must be present and numeric text.
        var extFields = decoded["extFields"]!.AsObject();
        Assert.Equal(4, extFields.Count);
        Assert.Equal("44", extFields["nextBeginOffset"]!.GetValue<string>());
        Assert.Equal("0", extFields["minOffset"]!.GetValue<string>());
        Assert.Equal("1099511627776", extFields["maxOffset"]!.GetValue<string>());
        Assert.Equal("0", extFields["suggestWhichBrokerId"]!.GetValue<string>());

        AssertHeaderEnvelope(frame, decoded, response);
    }

    [Fact]
    public void Error_response_remark_survives_escaping_and_empty_parts_decode_as_absent()
    {
        const string remark = "topic[中文] not exist, \"apply first\" \\ line\nbreak ctl\u0001 🚀";
        var response = RemotingCommand.CreateResponse(ResponseCode.TopicNotExist, remark);
        response.Opaque = 77;

        var frame = RemotingCommandCodec.Encode(response);
        var decoded = DecodeInAliOns(frame);

        Assert.Equal(ResponseCode.TopicNotExist, decoded["code"]!.GetValue<int>());
        Assert.Equal(77, decoded["opaque"]!.GetValue<int>());
        Assert.Equal(remark, decoded["remark"]!.GetValue<string>());
        Assert.True(decoded["isResponseType"]!.GetValue<bool>());
        Assert.Empty(decoded["extFields"]!.AsObject());
        Assert.Equal(string.Empty, decoded["bodyHex"]!.GetValue<string>());
        AssertHeaderEnvelope(frame, decoded, response);
    }

    [Fact]
    public void Oneway_request_flags_decode_in_ali_ons()
    {
        var request = RemotingCommand.CreateRequest(RequestCode.NotifyConsumerIdsChanged);
        request.Opaque = 5;
        request.ExtFields = new Dictionary<string, string> { ["consumerGroup"] = "CID_消费者" };
        request.MarkOneway();

        var frame = RemotingCommandCodec.Encode(request);
        var decoded = DecodeInAliOns(frame);

        Assert.Equal(RequestCode.NotifyConsumerIdsChanged, decoded["code"]!.GetValue<int>());
        Assert.False(decoded["isResponseType"]!.GetValue<bool>());
        Assert.True(decoded["isOnewayRPC"]!.GetValue<bool>());
        Assert.Equal(2, decoded["flag"]!.GetValue<int>());
        Assert.Equal("CID_消费者", decoded["extFields"]!["consumerGroup"]!.GetValue<string>());
        AssertHeaderEnvelope(frame, decoded, request);
    }

    private static JsonNode DecodeInAliOns(byte[] frame) =>
        NodeRunner.Run(new { op = "decodeFrame", frameHex = Convert.ToHexString(frame) });

    /// <summary>Length fields as ali-ons reads them, and the header members RemotingCommand hides behind getters.</summary>
    private static void AssertHeaderEnvelope(byte[] frame, JsonNode decoded, RemotingCommand command)
    {
        Assert.Equal(frame.Length - 4, decoded["totalLength"]!.GetValue<int>());
        int headerLengthField = decoded["headerLengthField"]!.GetValue<int>();
        Assert.Equal(BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4)), headerLengthField);
        Assert.Equal(0, headerLengthField >>> 24); // serialize type byte: JSON
        Assert.Equal(frame.Length - 8 - command.Body.Length, headerLengthField);

        var raw = decoded["rawHeader"]!;
        Assert.Equal(command.Language.ToString(), raw["language"]!.GetValue<string>());
        Assert.Equal(command.Version, raw["version"]!.GetValue<int>());
        Assert.Equal(command.Flag, raw["flag"]!.GetValue<int>());
    }
}
