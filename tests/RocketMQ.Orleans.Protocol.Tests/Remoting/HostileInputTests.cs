using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Tests.Remoting;

/// <summary>Malformed frames must only ever yield "need more data" or a typed <see cref="RemotingProtocolException"/>.</summary>
public sealed class HostileInputTests
{
    private const int Seed = 20261124;

    [Fact]
    public void Frame_longer_than_the_maximum_is_rejected()
    {
        // Like Netty, the maximum counts the 4-byte prefix: 0x00FFFFFC + 4 = 16 MiB is the largest frame.
        Assert.Equal(RemotingProtocolError.FrameTooLarge, ReadError([0x01, 0x00, 0x00, 0x01]));
        Assert.Equal(RemotingProtocolError.FrameTooLarge, ReadError([0x00, 0xFF, 0xFF, 0xFD]));
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x00, 0xFF, 0xFF, 0xFC, 0, 0 });
        Assert.False(RemotingCommandCodec.TryReadFrame(ref buffer, out _));
        Assert.Equal(16 * 1024 * 1024, RemotingCommandCodec.DefaultMaxFrameLength);
    }

    [Fact]
    public void Negative_frame_length_is_rejected() =>
        Assert.Equal(RemotingProtocolError.NegativeLength, ReadError([0xFF, 0xFF, 0xFF, 0xFE]));

    [Theory]
    [InlineData("00000000")]          // no room for the header-length word
    [InlineData("00000002AAAA")]
    [InlineData("0000000400000005")]  // header of 5 in a frame of 4
    [InlineData("000000050000FFFF00")]
    public void Inconsistent_lengths_are_rejected(string hex) =>
        Assert.Equal(RemotingProtocolError.InconsistentLength, ReadError(Convert.FromHexString(hex)));

    [Fact]
    public void Unknown_serialize_type_is_rejected() =>
        Assert.Equal(RemotingProtocolError.UnknownSerializeType, DecodeError(Convert.FromHexString("0000000402000000")));

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("{\"code\":\"abc\"}")]
    [InlineData("{\"code\":1e40}")]
    [InlineData("{\"code\":1}{}")]
    [InlineData("{\"extFields\":[1]}")]
    [InlineData("{\"language\":[1]}")]
    [InlineData("not json")]
    public void Bad_json_headers_are_rejected(string json) =>
        Assert.Equal(RemotingProtocolError.BadJson, DecodeErrorWithoutPrefix(RemotingCommandCodecTests.JsonFrame(json)));

    [Fact]
    public void Invalid_utf8_in_a_json_string_is_bad_json()
    {
        byte[] json = [.. "{\"remark\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        var frame = new byte[4 + json.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, json.Length);
        json.CopyTo(frame, 4);

        Assert.Equal(RemotingProtocolError.BadJson, DecodeErrorWithoutPrefix(frame));
    }

    [Theory]
    [InlineData("000A00013D0000000500000000")]                                  // ends before the remark length
    [InlineData("000A00013D000000050000000000000000")]                          // ends before the ext length
    public void Truncated_binary_headers_are_rejected(string header) =>
        Assert.Equal(RemotingProtocolError.TruncatedHeader, DecodeError(BinaryFrame(header)));

    [Theory]
    [InlineData("000A00013D00000005000000007FFFFFFF00000000")]                  // remark of 2 GiB
    [InlineData("000A00013D0000000500000000FFFFFFFF00000000")]                  // negative remark length
    [InlineData("000A00013D00000005000000000000000000000010")]                  // ext map longer than the header
    [InlineData("000A00013D000000050000000000000000000000047FFF0000")]          // key longer than the map
    [InlineData("000A00013D0000000500000000000000000000000500016B7FFF")]        // value length cut short
    [InlineData("000A00013D0000000500000000000000000000000700016B7FFFFFFF")]    // value of 2 GiB
    public void Binary_header_lengths_beyond_the_header_are_rejected(string header) =>
        Assert.Equal(RemotingProtocolError.BadBinaryHeader, DecodeError(BinaryFrame(header)));

    [Fact]
    public void Every_truncation_of_valid_frames_needs_more_data_or_fails_typed()
    {
        foreach (byte[] frame in ValidFrames())
        {
            for (int length = 0; length < frame.Length; length++)
            {
                var buffer = new ReadOnlySequence<byte>(frame, 0, length);
                Assert.False(RemotingCommandCodec.TryReadFrame(ref buffer, out _));
                Assert.Equal(length, buffer.Length);

                // A transport that mis-split the frame hands over a shorter frame: typed errors only.
                if (length >= 4)
                {
                    DecodeOutcome(frame.AsSpan(4, length - 4));
                }
            }
        }
    }

    [Fact]
    public void Bit_flips_in_valid_frames_fail_typed_or_decode()
    {
        var random = new Random(Seed);
        foreach (byte[] original in ValidFrames())
        {
            for (int i = 0; i < 1500; i++)
            {
                byte[] frame = (byte[])original.Clone();
                int flips = random.Next(1, 4);
                for (int f = 0; f < flips; f++)
                {
                    int bit = random.Next(frame.Length * 8);
                    frame[bit / 8] ^= (byte)(1 << (bit % 8));
                }

                ReadOutcome(frame);
            }
        }
    }

    [Fact]
    public void Random_bytes_fail_typed_or_need_more_data()
    {
        var random = new Random(Seed);
        for (int i = 0; i < 3000; i++)
        {
            var data = new byte[random.Next(0, 96)];
            random.NextBytes(data);
            if (i % 2 == 0 && data.Length >= 8)
            {
                // Make the prefixes plausible so the fuzzing reaches the header decoders.
                BinaryPrimitives.WriteInt32BigEndian(data, data.Length - 4);
                BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), ((i / 2 % 2) << 24) | random.Next(0, data.Length - 7));
            }

            ReadOutcome(data);
            if (data.Length >= 4)
            {
                DecodeOutcome(data.AsSpan(4));
            }
        }
    }

    [Fact]
    public void Random_json_like_headers_fail_typed()
    {
        var random = new Random(Seed);
        string alphabet = "{}[]\":,0123456789-eE.truefalsnl codeextFieldslanguage\\u";
        for (int i = 0; i < 3000; i++)
        {
            var text = new StringBuilder("{");
            int length = random.Next(0, 40);
            for (int c = 0; c < length; c++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            DecodeOutcome(RemotingCommandCodecTests.JsonFrame(text.ToString()));
        }
    }

    [Fact]
    public void A_declared_2_GiB_frame_allocates_nothing_while_waiting()
    {
        byte[] data = Convert.FromHexString("7FFFFFF00000000A");
        var buffer = new ReadOnlySequence<byte>(data);
        RemotingCommandCodec.TryReadFrame(ref buffer, int.MaxValue, out _); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            buffer = new ReadOnlySequence<byte>(data);
            Assert.False(RemotingCommandCodec.TryReadFrame(ref buffer, int.MaxValue, out _));
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024);
    }

    [Fact]
    public void Declared_giant_header_and_string_lengths_do_not_allocate_their_size()
    {
        byte[] giantHeader = Convert.FromHexString("00FFFFFF");
        byte[] giantRemark = BinaryFrame("000A00013D00000005000000007FFFFFFF00000000").AsSpan(4).ToArray();
        DecodeErrorWithoutPrefix(giantHeader);
        DecodeErrorWithoutPrefix(giantRemark);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            DecodeErrorWithoutPrefix(giantHeader);
            DecodeErrorWithoutPrefix(giantRemark);
        }

        // Only the exceptions themselves (and their messages) are allocated, nowhere near 16 MiB or 2 GiB.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    private static IEnumerable<byte[]> ValidFrames()
    {
        foreach (var type in new[] { SerializeType.Json, SerializeType.RocketMQ })
        {
            yield return RemotingCommandCodec.Encode(new RemotingCommand
            {
                Code = RequestCode.SendMessageV2, Opaque = 42, Remark = "remark✓", SerializeType = type,
                ExtFields = new() { ["a"] = "producer", ["b"] = "topic", ["e"] = "3", ["k"] = "false" },
                Body = "body"u8.ToArray(),
            });
        }
    }

    /// <summary>TryReadFrame on a single segment and on 3-byte segments: any outcome but an untyped exception.</summary>
    private static void ReadOutcome(byte[] data)
    {
        foreach (var buffer in new[] { new ReadOnlySequence<byte>(data), Segments.Split(data, 3) })
        {
            var copy = buffer;
            try
            {
                while (RemotingCommandCodec.TryReadFrame(ref copy, 1 << 20, out var command))
                {
                    Assert.NotNull(command);
                }
            }
            catch (RemotingProtocolException)
            {
            }
        }
    }

    private static void DecodeOutcome(ReadOnlySpan<byte> frame)
    {
        try
        {
            RemotingCommandCodec.Decode(frame);
        }
        catch (RemotingProtocolException)
        {
        }
    }

    private static RemotingProtocolError ReadError(byte[] data)
    {
        var buffer = new ReadOnlySequence<byte>(data);
        var copy = buffer;
        var error = Assert.Throws<RemotingProtocolException>(() => RemotingCommandCodec.TryReadFrame(ref copy, out _));
        return error.Error;
    }

    /// <summary>Decodes a frame given with its length prefix (the prefix is stripped).</summary>
    private static RemotingProtocolError DecodeError(byte[] frameWithPrefix) =>
        DecodeErrorWithoutPrefix(frameWithPrefix.AsSpan(4).ToArray());

    private static RemotingProtocolError DecodeErrorWithoutPrefix(byte[] frame) =>
        Assert.Throws<RemotingProtocolException>(() => RemotingCommandCodec.Decode(frame)).Error;

    private static byte[] BinaryFrame(string headerHex)
    {
        byte[] header = Convert.FromHexString(headerHex);
        var frame = new byte[8 + header.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, 4 + header.Length);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), (1 << 24) | header.Length);
        header.CopyTo(frame, 8);
        return frame;
    }
}
