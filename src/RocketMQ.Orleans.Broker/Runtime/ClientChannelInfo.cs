using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>A client as one channel presented itself in its heartbeat or settings (Apache ClientChannelInfo).</summary>
public sealed class ClientChannelInfo(IClientChannel channel, string clientId, LanguageCode language, int version, long lastUpdateTimestamp)
{
    private long _lastUpdateTimestamp = lastUpdateTimestamp;

    /// <summary>The channel the tables key the client by.</summary>
    public IClientChannel Channel { get; } = channel;

    /// <summary>The remoting connection to call the client on; null for a RocketMQ 5 gRPC client, which the gRPC endpoint reaches.</summary>
    public IRemotingConnection? Remoting => Channel as IRemotingConnection;

    public string ClientId { get; } = clientId;

    public LanguageCode Language { get; } = language;

    public int Version { get; } = version;

    /// <summary>Milliseconds since the epoch of the last heartbeat.</summary>
    public long LastUpdateTimestamp
    {
        get => Volatile.Read(ref _lastUpdateTimestamp);
        set => Volatile.Write(ref _lastUpdateTimestamp, value);
    }

    /// <summary>"ip:port" of the peer, as Apache's RemotingHelper.parseChannelRemoteAddr.</summary>
    public string RemoteAddress => RemoteAddresses.Format(Channel.RemoteEndPoint);
}
