using System.Net;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Peer addresses in the forms Apache prints them.</summary>
public static class RemoteAddresses
{
    /// <summary>"ip:port" (RemotingHelper.parseChannelRemoteAddr); empty when unknown.</summary>
    public static string Format(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => $"{Normalize(ip).Address}:{ip.Port}",
        null => string.Empty,
        _ => endPoint.ToString() ?? string.Empty,
    };

    /// <summary>"/ip:port", as Java's SocketAddress.toString in remarks.</summary>
    public static string FormatJava(EndPoint? endPoint) => "/" + Format(endPoint);

    /// <summary>An IPv4-mapped IPv6 peer stored as plain IPv4 (what ali-ons decodes).</summary>
    public static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    public static IPEndPoint ToIPEndPoint(EndPoint? endPoint) =>
        endPoint is IPEndPoint ip ? Normalize(ip) : new IPEndPoint(IPAddress.Loopback, 0);
}
