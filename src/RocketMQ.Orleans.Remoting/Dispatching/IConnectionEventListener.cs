namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>
/// Connection lifecycle, e.g. so the broker can drop the producers and consumers of a closed connection.
/// Called on the connection's network event loop: keep handlers short and non-blocking.
/// </summary>
public interface IConnectionEventListener
{
    void OnConnected(IRemotingConnection connection) { }

    /// <summary>Raised once per connection, whatever closed it (peer, idle, protocol error, shutdown).</summary>
    void OnClosed(IRemotingConnection connection) { }

    /// <summary>The connection saw no traffic for the configured idle time; it is closed right after.</summary>
    void OnIdle(IRemotingConnection connection) { }

    /// <summary>An error on the connection (decode failure, socket error); it is closed right after.</summary>
    void OnException(IRemotingConnection connection, Exception exception) { }
}
