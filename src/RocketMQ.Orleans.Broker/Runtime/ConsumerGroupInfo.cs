using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>One consumer group's connected clients and subscriptions on this broker (Apache ConsumerGroupInfo).</summary>
public sealed class ConsumerGroupInfo(string groupName, ConsumeType consumeType, MessageModel messageModel, ConsumeFromWhere consumeFromWhere)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IClientChannel, ClientChannelInfo> _channels = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SubscriptionData> _subscriptions = new(StringComparer.Ordinal);

    public string GroupName { get; } = groupName;

    public ConsumeType ConsumeType { get; private set; } = consumeType;

    public MessageModel MessageModel { get; private set; } = messageModel;

    public ConsumeFromWhere ConsumeFromWhere { get; private set; } = consumeFromWhere;

    public long LastUpdateTimestamp { get; private set; }

    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _channels.Count == 0;
            }
        }
    }

    public IReadOnlyList<ClientChannelInfo> GetChannels()
    {
        lock (_lock)
        {
            return [.. _channels.Values];
        }
    }

    public List<string> GetAllClientIds()
    {
        lock (_lock)
        {
            return [.. _channels.Values.Select(channel => channel.ClientId)];
        }
    }

    public IReadOnlyList<SubscriptionData> GetSubscriptions()
    {
        lock (_lock)
        {
            return [.. _subscriptions.Values];
        }
    }

    public SubscriptionData? FindSubscriptionData(string topic)
    {
        lock (_lock)
        {
            return _subscriptions.GetValueOrDefault(topic);
        }
    }

    /// <summary>Adds or refreshes a client; true when the client is new to the group.</summary>
    public bool UpdateChannel(ClientChannelInfo info, ConsumeType consumeType, MessageModel messageModel, ConsumeFromWhere consumeFromWhere, long now)
    {
        lock (_lock)
        {
            ConsumeType = consumeType;
            MessageModel = messageModel;
            ConsumeFromWhere = consumeFromWhere;
            var added = false;
            if (!_channels.TryGetValue(info.Channel, out var existing) || existing.ClientId != info.ClientId)
            {
                added = existing is null;
                _channels[info.Channel] = info;
                existing = info;
            }

            LastUpdateTimestamp = now;
            existing.LastUpdateTimestamp = now;
            return added;
        }
    }

    /// <summary>Apache updateSubscription: new topics and removed topics are changes; a newer version replaces quietly.</summary>
    public bool UpdateSubscription(IReadOnlyCollection<SubscriptionData> subscriptions, long now)
    {
        lock (_lock)
        {
            var updated = false;
            foreach (var subscription in subscriptions)
            {
                if (!_subscriptions.TryGetValue(subscription.Topic, out var old))
                {
                    _subscriptions[subscription.Topic] = subscription;
                    updated = true;
                }
                else if (subscription.SubVersion > old.SubVersion)
                {
                    _subscriptions[subscription.Topic] = subscription;
                }
            }

            // A set of the heartbeat's topics: a client listing many must not cost the broker their square.
            var listed = new HashSet<string>(subscriptions.Select(subscription => subscription.Topic), StringComparer.Ordinal);
            foreach (var topic in _subscriptions.Keys.ToList())
            {
                if (!listed.Contains(topic))
                {
                    _subscriptions.Remove(topic);
                    updated = true;
                }
            }

            LastUpdateTimestamp = now;
            return updated;
        }
    }

    public bool RemoveChannel(IClientChannel channel)
    {
        lock (_lock)
        {
            return _channels.Remove(channel);
        }
    }

    /// <summary>Removes the clients whose last heartbeat is older than <paramref name="expiredBefore"/>.</summary>
    public List<ClientChannelInfo> RemoveExpired(long expiredBefore)
    {
        lock (_lock)
        {
            var expired = _channels.Values.Where(channel => channel.LastUpdateTimestamp < expiredBefore).ToList();
            foreach (var channel in expired)
            {
                _channels.Remove(channel.Channel);
            }

            return expired;
        }
    }
}
