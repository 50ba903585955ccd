using System.Text;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Protocol.Tests.Messages;

public sealed class MessagePropertiesTests
{
    [Fact]
    public void Encode_uses_u0001_and_u0002_without_a_trailing_separator()
    {
        var encoded = MessageProperties.Encode([new("TAGS", "TagA"), new("KEYS", "k1 k2")]);

        Assert.Equal("TAGS\u0001TagA\u0002KEYS\u0001k1 k2", encoded);
    }

    [Fact]
    public void Null_values_are_skipped_and_empty_input_encodes_empty()
    {
        Assert.Equal("a\u0001b", MessageProperties.Encode([new("x", null!), new("a", "b")]));
        Assert.Equal(string.Empty, MessageProperties.Encode([]));
    }

    [Fact]
    public void Decode_round_trips_and_tolerates_what_Java_tolerates()
    {
        var map = MessageProperties.Decode("TAGS\u0001TagA\u0002KEYS\u0001k1 k2\u0002\u0002noValue\u0001\u0002\u0001noName\u0002x\u0002UNIQ_KEY\u0001ü✓\u0002");

        Assert.Equal(3, map.Count);
        Assert.Equal("TagA", map["TAGS"]);
        Assert.Equal("k1 k2", map["KEYS"]);
        Assert.Equal("ü✓", map["UNIQ_KEY"]);
    }

    [Fact]
    public void Value_may_contain_a_name_value_separator_after_the_first()
    {
        var map = MessageProperties.Decode("a\u0001b\u0001c");

        Assert.Equal("b\u0001c", map["a"]);
    }

    [Fact]
    public void TryGetValue_finds_utf8_values_without_decoding()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("TAGS\u0001TagA\u0002KEYS\u0001ключ\u0002T\u0001x\u0002TAGS2\u0001y");

        Assert.True(MessageProperties.TryGetValue(utf8, "KEYS"u8, out var keys));
        Assert.Equal("ключ", Encoding.UTF8.GetString(keys));
        Assert.True(MessageProperties.TryGetValue(utf8, "TAGS"u8, out var tags));
        Assert.Equal("TagA", Encoding.UTF8.GetString(tags));
        Assert.True(MessageProperties.TryGetValue(utf8, "T"u8, out var t));
        Assert.Equal("x", Encoding.UTF8.GetString(t));
        Assert.False(MessageProperties.TryGetValue(utf8, "TAG"u8, out _));
        Assert.False(MessageProperties.TryGetValue(ReadOnlySpan<byte>.Empty, "TAGS"u8, out _));
    }

    [Fact]
    public void Utf8_round_trip_matches_string_round_trip()
    {
        var properties = new Dictionary<string, string> { ["a"] = "ü", ["DELAY"] = "3", ["emoji"] = "😀" };

        var decoded = MessageProperties.DecodeUtf8(MessageProperties.EncodeUtf8(properties));

        Assert.Equal(properties, decoded);
    }
}
