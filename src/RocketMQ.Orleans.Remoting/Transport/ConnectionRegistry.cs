using System.Collections.Concurrent;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>The open connections of a server or client, so shutdown can close them all.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<NettyConnection, byte> _connections = new();

    public int Count => _connections.Count;

    public IReadOnlyCollection<IRemotingConnection> Snapshot() => [.. _connections.Keys];

    public void Add(NettyConnection connection) => _connections.TryAdd(connection, 0);

    public void Remove(NettyConnection connection) => _connections.TryRemove(connection, out _);

    /// <summary>Closes every connection, waiting at most <paramref name="timeout"/> (see <see cref="BoundedWait"/>).</summary>
    public Task CloseAllAsync(TimeSpan timeout) =>
        BoundedWait.WithinAsync(Task.WhenAll(_connections.Keys.Select(connection => connection.Channel.CloseAsync())), timeout);
}
