using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Apache.Rocketmq.V2;

namespace RocketMQ.Orleans.Grpc.Routing;

/// <summary>A silo's gRPC endpoint as registered in the control plane ("host:port") and as v2 routes carry it.</summary>
public static class GrpcEndpointAddress
{
    public static string Format(string host, int port) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";

    public static Endpoints ToEndpoints(string host, int port) => new()
    {
        Scheme = IPAddress.TryParse(host, out var ip)
            ? ip.AddressFamily == AddressFamily.InterNetworkV6 ? AddressScheme.Ipv6 : AddressScheme.Ipv4
            : AddressScheme.DomainName,
        Addresses = { new Address { Host = host, Port = port } },
    };

    /// <summary>The endpoints of a registered "host:port" ("[v6]:port" for IPv6); null when it does not parse.</summary>
    public static Endpoints? Parse(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return null;
        }

        var host = endpoint[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return ToEndpoints(host, port);
    }
}
