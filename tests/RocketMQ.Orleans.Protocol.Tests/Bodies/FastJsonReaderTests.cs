using System.Text;
using RocketMQ.Orleans.Protocol.Bodies.Json;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Tests.Bodies;

public sealed class FastJsonReaderTests
{
    private static FastJsonNode Parse(string json) => FastJsonReader.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Bare_numeric_and_word_keys_are_read()
    {
        var node = Parse("""{0:"a", -1:"b", name:'c', $x_1:true}""");

        Assert.Equal(FastJsonKind.Number, node.Members[0].Key.Kind);
        Assert.Equal("a", node.Property("0").AsString());
        Assert.Equal("b", node.Property("-1").AsString());
        Assert.Equal("c", node.Property("name").AsString());
        Assert.True(node.Property("$x_1").AsBoolean());
    }

    [Fact]
    public void Object_keys_are_kept_as_nodes()
    {
        var node = Parse("""{{"brokerName":"b","queueId":0,"topic":"t"}:{"brokerOffset":5},{"brokerName":"b","queueId":1,"topic":"t"}:6}""");

        Assert.Equal(2, node.Members.Count);
        Assert.Equal(FastJsonKind.Object, node.Members[0].Key.Kind);
        Assert.Equal(1, node.Members[1].Key.Property("queueId").AsInt32());
        Assert.Equal(6, node.Members[1].Value.AsInt64());
    }

    [Fact]
    public void Strings_unescape_including_single_quotes_and_fastjson_extras()
    {
        Assert.Equal("a\"b\\c/d\n\t\u00e9\u4e2d", Parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9中\"").AsString());
        Assert.Equal("it's \"x\"", Parse("'it\\'s \"x\"'").AsString());
        Assert.Equal("A", Parse("'\\x41'").AsString());
    }

    [Fact]
    public void Tolerated_forms()
    {
        Assert.Equal(2, Parse("[1,2,]").Items.Count);
        Assert.Single(Parse("{\"a\":1,}").Members);
        Assert.Equal(2, Parse("[1,,2]").Items.Count);
        Assert.Empty(Parse("{,}").Members);
        Assert.Equal(5, Parse("\uFEFF {\"a\" : 5L } \r\n").Property("a").AsInt64());
        Assert.True(Parse("null").IsNull);
        Assert.True(Parse("{\"a\":undefined}").Property("a")!.IsNull);
        Assert.Equal("-1.5e+3", Parse("-1.5e+3").Text);
    }

    [Fact]
    public void Later_duplicate_key_wins()
    {
        Assert.Equal(2, Parse("""{"a":1,"a":2}""").Property("a").AsInt32());
        Assert.Equal("y", Parse("""{"m":{"k":"x","k":"y"}}""").Property("m").AsStringMap(v => v.AsString()!)["k"]);
    }

    [Fact]
    public void Casts_follow_fastjson()
    {
        var node = Parse("""{"i":"42","s":7,"b":"true","d":"1.5","l":"9223372036854775807","f":3.0,"e":""}""");
        Assert.Equal(42, node.Property("i").AsInt32());
        Assert.Equal("7", node.Property("s").AsString());
        Assert.True(node.Property("b").AsBoolean());
        Assert.Equal(1.5, node.Property("d").AsDouble());
        Assert.Equal(long.MaxValue, node.Property("l").AsInt64());
        Assert.Equal(3, node.Property("f").AsInt32());
        Assert.Equal(0, node.Property("e").AsInt64());
        Assert.Equal(0, node.Property("missing").AsInt64());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\"}")]
    [InlineData("{\"a\":1 \"b\":2}")]
    [InlineData("{\"a\":1}x")]
    [InlineData("{\"a\":1}{}")]
    [InlineData("\"abc")]
    [InlineData("'abc\"")]
    [InlineData("\"\\q\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData("1e")]
    [InlineData("tru")]
    [InlineData("nothing")]
    [InlineData("{\"a\":new Date(1)}")]
    public void Malformed_input_is_a_typed_error(string json) =>
        Assert.Equal(RemotingProtocolError.BadJson, Assert.Throws<RemotingProtocolException>(() => Parse(json)).Error);

    [Theory]
    [InlineData("""{"a":"x"}""")]
    [InlineData("""{"a":1e400}""")]
    [InlineData("""{"a":99999999999}""")]
    [InlineData("""{"a":[1]}""")]
    public void Uncastable_values_are_a_typed_error(string json) =>
        Assert.Equal(RemotingProtocolError.BadJson, Assert.Throws<RemotingProtocolException>(() => Parse(json).Property("a").AsInt32()).Error);

    [Fact]
    public void Deep_nesting_is_refused_before_the_stack_is_at_risk()
    {
        string ok = new string('[', FastJsonReader.MaxDepth) + new string(']', FastJsonReader.MaxDepth);
        Assert.Equal(FastJsonKind.Array, Parse(ok).Kind);

        string deep = new string('[', 100_000);
        Assert.Equal(RemotingProtocolError.BadJson, Assert.Throws<RemotingProtocolException>(() => Parse(deep)).Error);
        string deepKeys = string.Concat(Enumerable.Repeat("{", 100_000));
        Assert.Equal(RemotingProtocolError.BadJson, Assert.Throws<RemotingProtocolException>(() => Parse(deepKeys)).Error);
    }

    [Fact]
    public void Writer_escapes_as_fastjson_and_writes_non_ascii_raw()
    {
        var table = new RocketMQ.Orleans.Protocol.Bodies.KVTable { Table = { ["k"] = "q\"b\\s\n\r\t\b\f\u0001\u001f\u007f\u0085\u2028/é中" } };
        Assert.Equal("{\"table\":{\"k\":\"q\\\"b\\\\s\\n\\r\\t\\b\\f\\u0001\\u001F\\u007F\\u0085\\u2028/é中\"}}", BodyJson.Text(table));
        Assert.Equal(table.Table["k"], BodyJson.RoundTrip(table).Table["k"]);
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(3.0, "3.0")]
    [InlineData(-2.0, "-2.0")]
    [InlineData(12.5, "12.5")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.00015, "1.5E-4")]
    [InlineData(1e-5, "1.0E-5")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(1.5e20, "1.5E20")]
    [InlineData(-3.25e-7, "-3.25E-7")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    public void Doubles_are_written_as_fastjson_RyuDouble_does(double value, string expected)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        new FastJsonWriter(buffer).Number(value);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer.WrittenSpan));
        if (double.IsFinite(value))
        {
            Assert.Equal(value, FastJsonReader.Parse(buffer.WrittenSpan).AsDouble());
        }
    }
}
