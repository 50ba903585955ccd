using System.Net;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Protocol.Tests.Messages;

public sealed class MessageIdsTests
{
    [Fact]
    public void Offset_message_id_is_host_port_offset_in_upper_hex()
    {
        // 192.168.0.1 = C0A80001, port 10911 = 00002A9F, offset 0x1234 as 8 bytes.
        string id = MessageIds.CreateOffsetMessageId(new IPEndPoint(IPAddress.Parse("192.168.0.1"), 10911), 0x1234);

        Assert.Equal("C0A8000100002A9F0000000000001234", id);
    }

    [Fact]
    public void IPv6_offset_message_id_has_56_hex_chars()
    {
        var host = new IPEndPoint(IPAddress.Parse("2001:db8::1"), 10911);

        string id = MessageIds.CreateOffsetMessageId(host, long.MaxValue);

        Assert.Equal("20010DB8000000000000000000000001" + "00002A9F" + "7FFFFFFFFFFFFFFF", id);
        Assert.True(MessageIds.TryParseOffsetMessageId(id, out var parsed, out long offset));
        Assert.Equal(host, parsed);
        Assert.Equal(long.MaxValue, offset);
    }

    [Fact]
    public void Offset_message_id_round_trips_in_either_case()
    {
        var host = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 65535);
        string id = MessageIds.CreateOffsetMessageId(host, 987_654_321_012);

        Assert.True(MessageIds.TryParseOffsetMessageId(id.ToLowerInvariant(), out var parsed, out long offset));
        Assert.Equal(host, parsed);
        Assert.Equal(987_654_321_012, offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("C0A8000100002A9F000000000000123")]
    [InlineData("C0A8000100002A9F00000000000012G4")]
    [InlineData("C0A80001FFFFFFFF0000000000001234")]
    public void Malformed_offset_message_ids_are_rejected(string? id) =>
        Assert.False(MessageIds.TryParseOffsetMessageId(id, out _, out _));
}
