using System.Collections.Concurrent;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// The producer groups connected to this broker, by heartbeat (Apache ProducerManager). Group names are the clients'
/// choice, so the table holds at most <see cref="MaxGroups"/> of them (Apache has no limit); entries leave when their
/// channel closes or stops sending heartbeats.
/// </summary>
public sealed class ProducerManager(TimeProvider timeProvider)
{
    /// <summary>The most producer groups the table holds: far above real deployments, far below what hostile heartbeats could list.</summary>
    public const int MaxGroups = 65_536;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<IClientChannel, ClientChannelInfo>> _groups = new(StringComparer.Ordinal);

    public IEnumerable<string> Groups => _groups.Keys;

    public IReadOnlyList<ClientChannelInfo> GetChannels(string group) =>
        _groups.TryGetValue(group, out var channels) ? [.. channels.Values] : [];

    /// <summary>
    /// A live producer of the group on a <typeparamref name="TChannel"/> channel, picked at random so that broker →
    /// producer calls (transaction checks) spread over the group as Apache's getAvailableChannel does; null when none.
    /// </summary>
    public ClientChannelInfo? GetAvailableChannel<TChannel>(string group)
        where TChannel : class, IClientChannel
    {
        if (!_groups.TryGetValue(group, out var channels))
        {
            return null;
        }

        ClientChannelInfo? chosen = null;
        var seen = 0;
        foreach (var channel in channels.Values)
        {
            // Reservoir sampling: each live match is equally likely without collecting them.
            if (channel.Channel is TChannel { IsActive: true } && Random.Shared.Next(++seen) == 0)
            {
                chosen = channel;
            }
        }

        return chosen;
    }

    /// <summary>
    /// Whether registering <paramref name="groups"/> stays within <see cref="MaxGroups"/> (checked before a heartbeat
    /// registers anything; concurrent heartbeats may overshoot by what they add together, which stays bounded).
    /// </summary>
    public bool HasRoomFor(IEnumerable<string> groups)
    {
        var added = groups.Where(group => !_groups.ContainsKey(group)).Distinct(StringComparer.Ordinal).Count();
        return added == 0 || _groups.Count + added <= MaxGroups;
    }

    public void RegisterProducer(string group, ClientChannelInfo client)
    {
        var channels = _groups.GetOrAdd(group, static _ => new ConcurrentDictionary<IClientChannel, ClientChannelInfo>(ReferenceEqualityComparer.Instance));
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var current = channels.GetOrAdd(client.Channel, client);
        current.LastUpdateTimestamp = now;
        _groups.TryAdd(group, channels);
    }

    public void UnregisterProducer(string group, IClientChannel channel)
    {
        if (_groups.TryGetValue(group, out var channels) && channels.TryRemove(channel, out _) && channels.IsEmpty)
        {
            _groups.TryRemove(new KeyValuePair<string, ConcurrentDictionary<IClientChannel, ClientChannelInfo>>(group, channels));
        }
    }

    public void DoChannelCloseEvent(IClientChannel channel)
    {
        foreach (var group in _groups.Keys)
        {
            UnregisterProducer(group, channel);
        }
    }

    /// <summary>Drops and closes producers without a heartbeat for <paramref name="expiredAfterMillis"/>; returns how many.</summary>
    public int ScanNotActiveChannel(long expiredAfterMillis)
    {
        var expiredBefore = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() - expiredAfterMillis;
        var removed = 0;
        foreach (var (group, channels) in _groups)
        {
            foreach (var (channel, client) in channels)
            {
                if (client.LastUpdateTimestamp < expiredBefore)
                {
                    removed++;
                    channel.Close();
                    UnregisterProducer(group, channel);
                }
            }
        }

        return removed;
    }
}
