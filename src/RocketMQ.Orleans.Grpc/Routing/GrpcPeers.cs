using System.Collections.Concurrent;
using Apache.Rocketmq.V2;
using Grpc.Core;
using Grpc.Net.Client;

namespace RocketMQ.Orleans.Grpc.Routing;

/// <summary>
/// Channels to the other silos' gRPC endpoints, for the few calls a client may send to any silo though only the
/// owning broker group can serve them (a recall names its broker in the handle; the clients send it to the endpoint
/// they were given, not to the message's broker). One channel per endpoint the routes name, so as many as silos.
/// </summary>
public sealed class GrpcPeers(bool tls) : IDisposable
{
    /// <summary>Set on a forwarded call, so that a silo whose routes are stale never forwards it again.</summary>
    public const string ForwardedHeader = "x-rocketmq-orleans-forwarded";

    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    public MessagingService.MessagingServiceClient ClientFor(Endpoints endpoints)
    {
        var address = endpoints.Addresses[0];
        var authority = GrpcEndpointAddress.Format(address.Host, address.Port);
        var channel = _channels.GetOrAdd(authority, static (key, tls) => GrpcChannel.ForAddress((tls ? "https://" : "http://") + key, new GrpcChannelOptions
        {
            // The silos of one cluster share one TLS configuration, often self-signed; 5.x clients accept any certificate too.
            HttpHandler = new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
            },
        }), tls);
        return new MessagingService.MessagingServiceClient(channel);
    }

    /// <summary>The client's headers a peer needs to treat the call as the client's own: its id, namespace and signature.</summary>
    public static Metadata ForwardedHeaders(Metadata requestHeaders)
    {
        var headers = new Metadata { { ForwardedHeader, "1" } };
        foreach (var entry in requestHeaders)
        {
            if (!entry.IsBinary && (entry.Key.StartsWith("x-mq-", StringComparison.Ordinal) || entry.Key == "authorization"))
            {
                headers.Add(entry.Key, entry.Value);
            }
        }

        return headers;
    }

    public static bool IsForwarded(Metadata requestHeaders) => requestHeaders.Get(ForwardedHeader) is not null;

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
    }
}
