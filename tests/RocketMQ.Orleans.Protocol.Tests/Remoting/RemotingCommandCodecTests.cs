using System.Buffers;
using System.Text;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Tests.Remoting;

public sealed class RemotingCommandCodecTests
{
    public static TheoryData<SerializeType> Encodings => new() { SerializeType.Json, SerializeType.RocketMQ };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Request_round_trips_every_field(SerializeType type)
    {
        var request = new RemotingCommand
        {
            Code = RequestCode.SendMessageV2,
            Language = LanguageCode.GO,
            Version = 401,
            Opaque = 123456,
            Flag = 2,
            Remark = "héllo \"remark\" \u0001\u0002",
            ExtFields = new() { ["a"] = "group", ["b"] = "Topic✓", ["i"] = "KEYS\u0001k1\u0002TAGS\u0001t", ["empty"] = "x" },
            Body = new byte[] { 1, 2, 3, 0, 255 },
            SerializeType = type,
        };

        var decoded = RoundTrip(request);

        Assert.Equal(request.Code, decoded.Code);
        Assert.Equal(request.Language, decoded.Language);
        Assert.Equal(request.Version, decoded.Version);
        Assert.Equal(request.Opaque, decoded.Opaque);
        Assert.Equal(request.Flag, decoded.Flag);
        Assert.True(decoded.IsOneway);
        Assert.False(decoded.IsResponse);
        Assert.Equal(request.Remark, decoded.Remark);
        Assert.Equal(request.ExtFields, decoded.ExtFields);
        Assert.Equal(request.Body.ToArray(), decoded.Body.ToArray());
        Assert.Equal(type, decoded.SerializeType);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Command_without_remark_ext_fields_or_body_round_trips(SerializeType type)
    {
        var decoded = RoundTrip(new RemotingCommand { Code = RequestCode.HeartBeat, SerializeType = type });

        Assert.Equal(RequestCode.HeartBeat, decoded.Code);
        Assert.Null(decoded.Remark);
        Assert.Null(decoded.ExtFields);
        Assert.True(decoded.Body.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Response_is_encoded_in_the_request_encoding_with_its_opaque(SerializeType type)
    {
        var request = RemotingCommand.CreateRequest(RequestCode.PullMessage);
        request.SerializeType = type;
        var wireRequest = RoundTrip(request);

        var response = wireRequest.CreateResponseTo(ResponseCode.PullNotFound, "no new message");
        byte[] frame = RemotingCommandCodec.Encode(response);

        Assert.Equal((byte)type, frame[4]);
        var decoded = RemotingCommandCodec.Decode(frame.AsSpan(4));
        Assert.Equal(type, decoded.SerializeType);
        Assert.True(decoded.IsResponse);
        Assert.Equal(request.Opaque, decoded.Opaque);
        Assert.Equal(ResponseCode.PullNotFound, decoded.Code);
        Assert.Equal("no new message", decoded.Remark);
    }

    [Fact]
    public void Requests_get_distinct_opaques_and_responses_set_bit_zero()
    {
        var first = RemotingCommand.CreateRequest(RequestCode.HeartBeat);
        var second = RemotingCommand.CreateRequest(RequestCode.HeartBeat);
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        var oneway = RemotingCommand.CreateRequest(RequestCode.UpdateConsumerOffset);
        oneway.MarkOneway();

        Assert.NotEqual(first.Opaque, second.Opaque);
        Assert.Equal(1, response.Flag);
        Assert.Equal(2, oneway.Flag);
    }

    [Fact]
    public void Json_header_has_fastjson_field_names_and_language_name()
    {
        var command = new RemotingCommand { Code = 10, Opaque = 7, Version = 317, ExtFields = new() { ["topic"] = "T" } };

        string json = HeaderText(RemotingCommandCodec.Encode(command));

        Assert.Equal("""{"code":10,"extFields":{"topic":"T"},"flag":0,"language":"JAVA","opaque":7,"serializeTypeCurrentRPC":"JSON","version":317}""", json);
    }

    [Fact]
    public void Binary_header_matches_RocketMQSerializable_byte_for_byte()
    {
        var command = new RemotingCommand
        {
            Code = 10, Version = 317, Opaque = 5, SerializeType = SerializeType.RocketMQ,
            ExtFields = new() { ["k"] = "v" },
        };

        byte[] frame = RemotingCommandCodec.Encode(command);

        Assert.Equal(
            "00000021" + "0100001D" + "000A" + "00" + "013D" + "00000005" + "00000000" + "00000000" + "00000008" + "00016B" + "0000000176",
            Convert.ToHexString(frame));
    }

    [Fact]
    public void Ali_ons_json_with_raw_numbers_and_booleans_is_accepted()
    {
        const string header = """
            {"code":11,"language":"JAVA","version":121,"opaque":9,"flag":0,"remark":null,
             "extFields":{"consumerGroup":"G","queueId":3,"queueOffset":-1,"k":false,"u":true,"n":null,"big":12345678901234,"o":{"x":[1,2]}}}
            """;

        var command = RemotingCommandCodec.Decode(JsonFrame(header));

        Assert.Equal(11, command.Code);
        Assert.Equal(121, command.Version);
        Assert.Equal(9, command.Opaque);
        Assert.Null(command.Remark);
        var ext = command.ExtFields!;
        Assert.Equal("G", ext["consumerGroup"]);
        Assert.Equal("3", ext["queueId"]);
        Assert.Equal("-1", ext["queueOffset"]);
        Assert.Equal("false", ext["k"]);
        Assert.Equal("true", ext["u"]);
        Assert.Equal("12345678901234", ext["big"]);
        Assert.Equal("""{"x":[1,2]}""", ext["o"]);
        Assert.False(ext.ContainsKey("n"));
    }

    [Theory]
    [InlineData("\"JAVA\"", LanguageCode.JAVA)]
    [InlineData("\"DOTNET\"", LanguageCode.DOTNET)]
    [InlineData("9", LanguageCode.GO)]
    [InlineData("\"COBOL\"", LanguageCode.OTHER)]
    [InlineData("200", LanguageCode.OTHER)]
    public void Json_language_is_accepted_as_name_or_number(string language, LanguageCode expected)
    {
        var command = RemotingCommandCodec.Decode(JsonFrame($$"""{"code":34,"language":{{language}},"opaque":1}"""));

        Assert.Equal(expected, command.Language);
    }

    [Fact]
    public void Json_numbers_may_arrive_as_strings_and_unknown_fields_are_ignored()
    {
        var command = RemotingCommandCodec.Decode(JsonFrame("""{"code":"34","opaque":"-5","serializeTypeCurrentRPC":"JSON","extra":{"a":[1]}}"""));

        Assert.Equal(34, command.Code);
        Assert.Equal(-5, command.Opaque);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void TryReadFrame_reads_frames_split_across_segments_and_waits_for_more(SerializeType type)
    {
        var first = new RemotingCommand { Code = 1, Opaque = 1, SerializeType = type, Body = new byte[300] };
        var second = new RemotingCommand { Code = 2, Opaque = 2, SerializeType = type, Remark = "r" };
        byte[] stream = [.. RemotingCommandCodec.Encode(first), .. RemotingCommandCodec.Encode(second)];

        // Partial data: need more, buffer untouched.
        var partial = new ReadOnlySequence<byte>(stream, 0, 50);
        Assert.False(RemotingCommandCodec.TryReadFrame(ref partial, out _));
        Assert.Equal(50, partial.Length);

        var buffer = Segments.Split(stream, 7);
        Assert.True(RemotingCommandCodec.TryReadFrame(ref buffer, out var a));
        Assert.True(RemotingCommandCodec.TryReadFrame(ref buffer, out var b));
        Assert.False(RemotingCommandCodec.TryReadFrame(ref buffer, out _));
        Assert.Equal(0, buffer.Length);
        Assert.Equal(300, a!.Body.Length);
        Assert.Equal("r", b!.Remark);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Buffer_writer_encoding_equals_array_encoding(SerializeType type)
    {
        var command = new RemotingCommand { Code = 3, Remark = "x", SerializeType = type, ExtFields = new() { ["a"] = "1" }, Body = new byte[] { 9 } };
        var writer = new ArrayBufferWriter<byte>();

        RemotingCommandCodec.Encode(command, writer);

        Assert.Equal(RemotingCommandCodec.Encode(command), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Typed_headers_travel_through_ext_fields()
    {
        var header = new Protocol.Headers.PullMessageResponseHeader { SuggestWhichBrokerId = 0, NextBeginOffset = 5, MinOffset = 0, MaxOffset = 9 };
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.WriteHeader(header);

        var decoded = RoundTrip(response).ReadHeader<Protocol.Headers.PullMessageResponseHeader>();

        Assert.Equal(5, decoded.NextBeginOffset);
        Assert.Equal(9, decoded.MaxOffset);
    }

    internal static RemotingCommand RoundTrip(RemotingCommand command)
    {
        var buffer = new ReadOnlySequence<byte>(RemotingCommandCodec.Encode(command));
        Assert.True(RemotingCommandCodec.TryReadFrame(ref buffer, out var decoded));
        Assert.Equal(0, buffer.Length);
        return decoded!;
    }

    /// <summary>A JSON-header frame without its length prefix (header-length word + header).</summary>
    internal static byte[] JsonFrame(string json)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        var frame = new byte[4 + header.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame, header.Length);
        header.CopyTo(frame, 4);
        return frame;
    }

    private static string HeaderText(byte[] frame)
    {
        int headerLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4)) & 0xFFFFFF;
        return Encoding.UTF8.GetString(frame, 8, headerLength);
    }
}
