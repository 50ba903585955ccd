using System.Collections.Concurrent;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// The consumer groups connected to this broker, by heartbeat (Apache ConsumerManager). Membership changes notify the
/// group's other consumers and mark the group for the next report to the control plane.
/// </summary>
public sealed class ConsumerManager(ConsumerIdsChangeNotifier notifier, TimeProvider timeProvider, bool notifyEnabled = true)
{
    private readonly ConcurrentDictionary<string, ConsumerGroupInfo> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _changed = new(StringComparer.Ordinal);

    public IEnumerable<string> Groups => _groups.Keys;

    public ConsumerGroupInfo? GetConsumerGroupInfo(string group) => _groups.GetValueOrDefault(group);

    public SubscriptionData? FindSubscriptionData(string group, string topic) =>
        GetConsumerGroupInfo(group)?.FindSubscriptionData(topic);

    /// <summary>Registers or refreshes a consumer; true when the group's clients or topics changed.</summary>
    public bool RegisterConsumer(string group, ClientChannelInfo client, ConsumeType consumeType, MessageModel messageModel,
        ConsumeFromWhere consumeFromWhere, IReadOnlyCollection<SubscriptionData> subscriptions, bool notifyConsumerIdsChanged)
    {
        var now = Now;
        var info = _groups.GetOrAdd(group, static (name, state) => new ConsumerGroupInfo(name, state.consumeType, state.messageModel, state.consumeFromWhere),
            (consumeType, messageModel, consumeFromWhere));
        var channelAdded = info.UpdateChannel(client, consumeType, messageModel, consumeFromWhere, now);
        var subscriptionChanged = info.UpdateSubscription(subscriptions, now);
        if (channelAdded || subscriptionChanged)
        {
            _changed[group] = 0;
            if (notifyConsumerIdsChanged)
            {
                Notify(group, info);
            }
        }

        // A group emptied concurrently may have been dropped from the table: put it back, it has a client now.
        _groups.TryAdd(group, info);
        return channelAdded || subscriptionChanged;
    }

    public void UnregisterConsumer(string group, IClientChannel channel, bool notifyConsumerIdsChanged)
    {
        if (!_groups.TryGetValue(group, out var info))
        {
            return;
        }

        info.RemoveChannel(channel);
        RemoveIfEmpty(group, info);
        _changed[group] = 0;
        if (notifyConsumerIdsChanged)
        {
            Notify(group, info);
        }
    }

    /// <summary>A channel closed: its consumers leave every group, whose remaining members are told.</summary>
    public void DoChannelCloseEvent(IClientChannel channel)
    {
        foreach (var (group, info) in _groups)
        {
            if (info.RemoveChannel(channel))
            {
                RemoveIfEmpty(group, info);
                _changed[group] = 0;
                Notify(group, info);
            }
        }
    }

    /// <summary>Drops and closes clients without a heartbeat for <paramref name="expiredAfterMillis"/>; returns how many.</summary>
    public int ScanNotActiveChannel(long expiredAfterMillis)
    {
        var expiredBefore = Now - expiredAfterMillis;
        var removed = 0;
        foreach (var (group, info) in _groups)
        {
            var expired = info.RemoveExpired(expiredBefore);
            if (expired.Count == 0)
            {
                continue;
            }

            removed += expired.Count;
            foreach (var channel in expired)
            {
                channel.Channel.Close();
            }

            RemoveIfEmpty(group, info);
            _changed[group] = 0;
            Notify(group, info);
        }

        return removed;
    }

    /// <summary>Groups that subscribe to <paramref name="topic"/> (QUERY_TOPIC_CONSUME_BY_WHO).</summary>
    public HashSet<string> QueryTopicConsumeByWho(string topic) =>
        [.. _groups.Where(entry => entry.Value.FindSubscriptionData(topic) is not null).Select(entry => entry.Key)];

    /// <summary>The groups whose membership changed since the last call (for the control-plane report).</summary>
    public List<string> DrainChangedGroups()
    {
        var groups = new List<string>(_changed.Count);
        foreach (var group in _changed.Keys)
        {
            if (_changed.TryRemove(group, out _))
            {
                groups.Add(group);
            }
        }

        return groups;
    }

    private long Now => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private void RemoveIfEmpty(string group, ConsumerGroupInfo info)
    {
        if (info.IsEmpty)
        {
            _groups.TryRemove(new KeyValuePair<string, ConsumerGroupInfo>(group, info));
        }
    }

    private void Notify(string group, ConsumerGroupInfo info)
    {
        if (notifyEnabled)
        {
            notifier.Notify(group, info.GetChannels());
        }
    }
}
