using System.Net;
using RocketMQ.Orleans.Broker.Acl;

namespace RocketMQ.Orleans.Broker.Tests.Acl;

/// <summary>whiteRemoteAddress forms as Apache's RemoteAddressStrategyFactory reads them.</summary>
public sealed class RemoteAddressPatternTests
{
    [Theory]
    [InlineData("*", "10.1.2.3", true)]
    [InlineData("*.*.*.*", "10.1.2.3", true)]
    [InlineData("*:*:*:*:*:*:*:*", "::1", true)]
    [InlineData("", "10.1.2.3", false)]
    [InlineData(null, "10.1.2.3", false)]
    [InlineData("192.168.0.1", "192.168.0.1", true)]
    [InlineData("192.168.0.1", "192.168.0.2", false)]
    [InlineData("192.168.0.{1,2}", "192.168.0.2", true)]
    [InlineData("192.168.0.{1,2}", "192.168.0.3", false)]
    [InlineData("192.168.0.1,10.0.0.7", "10.0.0.7", true)]
    [InlineData("192.168.0.1,10.0.0.7", "10.0.0.8", false)]
    [InlineData("192.168.*.*", "192.168.200.4", true)]
    [InlineData("192.168.*.*", "192.169.0.4", false)]
    [InlineData("192.168.1.10-20", "192.168.1.10", true)]
    [InlineData("192.168.1.10-20", "192.168.1.20", true)]
    [InlineData("192.168.1.10-20", "192.168.1.21", false)]
    [InlineData("192.168.1.10-20", "192.168.2.15", false)]
    [InlineData("10.*.*.*", "10.255.0.1", true)]
    [InlineData("192.168.1-5.*", "192.168.3.77", true)]
    [InlineData("192.168.1-5.*", "192.168.6.77", false)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", true)]
    [InlineData("1:2:3:4:5:6:7:*", "1:2:3:4:5:6:7:abcd", true)]
    [InlineData("1:2:3:4:5:6:7:*", "1:2:3:4:5:6:8:1", false)]
    [InlineData("1::7:1-ff", "1::7:80", true)]
    [InlineData("1::7:1-ff", "1::7:100", false)]
    [InlineData("::1", "::1", true)]
    [InlineData("192.168.*.*", "::1", false)]
    public void Matches_peer_addresses_as_Apache(string? pattern, string peer, bool expected)
    {
        var parsed = RemoteAddressPattern.Parse(pattern);
        Span<byte> address = stackalloc byte[16];
        var length = RemoteAddressPattern.WriteAddress(new IPEndPoint(IPAddress.Parse(peer), 1234), address);

        Assert.Equal(expected, parsed.Matches(address[..length]));
    }

    [Theory]
    [InlineData("192.168.0.256")]
    [InlineData("300.1.1.1,10.0.0.1")]
    [InlineData("192.168.*")]
    [InlineData("192.168.1.20-10")]
    [InlineData("192.168.1.-5")]
    [InlineData("not-an-address")]
    [InlineData("1:2:*:4:5:6:7:8")]
    public void Rejects_malformed_patterns(string pattern) =>
        Assert.Throws<AclConfigException>(() => RemoteAddressPattern.Parse(pattern));

    [Fact]
    public void A_peer_that_is_not_an_IP_endpoint_has_no_address()
    {
        Span<byte> address = stackalloc byte[16];
        Assert.Equal(0, RemoteAddressPattern.WriteAddress(null, address));
        Assert.Equal(0, RemoteAddressPattern.WriteAddress(new DnsEndPoint("localhost", 1), address));
    }
}
