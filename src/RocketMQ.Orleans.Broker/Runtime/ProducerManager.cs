using System.Collections.Concurrent;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>The producer groups connected to this broker, by heartbeat (Apache ProducerManager).</summary>
public sealed class ProducerManager(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<IRemotingConnection, ClientChannelInfo>> _groups = new(StringComparer.Ordinal);

    public IEnumerable<string> Groups => _groups.Keys;

    public IReadOnlyList<ClientChannelInfo> GetChannels(string group) =>
        _groups.TryGetValue(group, out var channels) ? [.. channels.Values] : [];

    /// <summary>Any live connection of the group (for broker → producer calls such as transaction checks).</summary>
    public ClientChannelInfo? GetAvailableChannel(string group) =>
        _groups.TryGetValue(group, out var channels) ? channels.Values.FirstOrDefault(channel => channel.Connection.IsActive) : null;

    public void RegisterProducer(string group, ClientChannelInfo client)
    {
        var channels = _groups.GetOrAdd(group, static _ => new ConcurrentDictionary<IRemotingConnection, ClientChannelInfo>(ReferenceEqualityComparer.Instance));
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var current = channels.GetOrAdd(client.Connection, client);
        current.LastUpdateTimestamp = now;
        _groups.TryAdd(group, channels);
    }

    public void UnregisterProducer(string group, IRemotingConnection connection)
    {
        if (_groups.TryGetValue(group, out var channels) && channels.TryRemove(connection, out _) && channels.IsEmpty)
        {
            _groups.TryRemove(new KeyValuePair<string, ConcurrentDictionary<IRemotingConnection, ClientChannelInfo>>(group, channels));
        }
    }

    public void DoChannelCloseEvent(IRemotingConnection connection)
    {
        foreach (var group in _groups.Keys)
        {
            UnregisterProducer(group, connection);
        }
    }

    /// <summary>Drops and closes producers without a heartbeat for <paramref name="expiredAfterMillis"/>; returns how many.</summary>
    public int ScanNotActiveChannel(long expiredAfterMillis)
    {
        var expiredBefore = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() - expiredAfterMillis;
        var removed = 0;
        foreach (var (group, channels) in _groups)
        {
            foreach (var (connection, channel) in channels)
            {
                if (channel.LastUpdateTimestamp < expiredBefore)
                {
                    removed++;
                    connection.Close();
                    UnregisterProducer(group, connection);
                }
            }
        }

        return removed;
    }
}
