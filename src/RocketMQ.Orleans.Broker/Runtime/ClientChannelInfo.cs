using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>A client as one connection presented itself in its heartbeat (Apache ClientChannelInfo).</summary>
public sealed class ClientChannelInfo(IRemotingConnection connection, string clientId, LanguageCode language, int version, long lastUpdateTimestamp)
{
    private long _lastUpdateTimestamp = lastUpdateTimestamp;

    public IRemotingConnection Connection { get; } = connection;

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
    public string RemoteAddress => RemoteAddresses.Format(Connection.RemoteEndPoint);
}
