using System.Collections.Concurrent;
using System.Diagnostics;
using Apache.Rocketmq.V2;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Names;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// Puts RocketMQ 5 clients in the broker's producer and consumer tables, as Apache's proxy does (ClientActivity), so
/// that admin tools list them beside remoting clients and the broker's checks and calls find them: a producer is
/// registered once per topic it publishes, with the topic as its producer group (the group a transaction check
/// names); a consumer in its group as CLUSTERING, CONSUME_FROM_LAST_OFFSET, CONSUME_ACTIVELY for a simple consumer
/// and CONSUME_PASSIVELY for a push consumer, with the subscriptions of its settings. Heartbeats apply the latest
/// settings again (silent clients expire with the tables' sweep); the stream's end and NotifyClientTermination remove them.
/// </summary>
/// <remarks>
/// Only names the broker holds are registered (existing topics, groups it has or may create), so the tables stay
/// bounded by the broker's own caps whatever a client lists. The by-id table holds one entry per open stream.
/// </remarks>
internal sealed class GrpcClients(BrokerRuntime runtime)
{
    private readonly ConcurrentDictionary<string, TelemetryStream> _byClientId = new(StringComparer.Ordinal);

    /// <summary>The open Telemetry stream of <paramref name="clientId"/>, or null.</summary>
    public TelemetryStream? Find(string clientId) => _byClientId.GetValueOrDefault(clientId);

    /// <summary>The client's new settings: registers it under them, leaving the groups its previous settings named.</summary>
    public async ValueTask RegisterAsync(TelemetryStream stream, Settings settings, LanguageCode language)
    {
        // Apache's proxy reads x-mq-client-version as an MQVersion name, which a 5.x client's ("5.0.7") never is, and
        // lists its own current version: here this broker's.
        stream.Identify(new ClientChannelInfo(stream, stream.ClientId, language, BrokerVersion.Code, runtime.Now), settings);
        _byClientId[stream.ClientId] = stream;
        await ApplySettingsAsync(stream).ConfigureAwait(false);
    }

    /// <summary>
    /// A Heartbeat of <paramref name="clientId"/>: as Apache's proxy registers a client anew on every heartbeat, its
    /// latest settings are applied again, so a topic or group created since they arrived now lists it too (and the
    /// entries come back if the sweep dropped them). Nothing for a client without an open stream.
    /// </summary>
    public ValueTask HeartbeatAsync(string clientId)
    {
        if (Find(clientId) is not { IsActive: true } stream)
        {
            return ValueTask.CompletedTask;
        }

        // Applying looks up every name the settings list: a client calling Heartbeat in a loop gets that at most
        // once per ReapplyInterval (clients heartbeat every 10 s), the cheap refresh otherwise.
        if (Stopwatch.GetElapsedTime(stream.SettingsAppliedAt) < ReapplyInterval)
        {
            Refresh(stream);
            return ValueTask.CompletedTask;
        }

        return ApplySettingsAsync(stream);
    }

    /// <summary>How often a heartbeat may apply a client's settings again.</summary>
    public static readonly TimeSpan ReapplyInterval = TimeSpan.FromSeconds(1);

    // Settings and heartbeats of one client may race (the stream and unary calls): one application at a time.
    private async ValueTask ApplySettingsAsync(TelemetryStream stream)
    {
        await stream.Registering.WaitAsync().ConfigureAwait(false);
        try
        {
            if (stream.Settings is not { } settings)
            {
                return;
            }

            var previousTopics = stream.PublishingTopics;
            var previousGroup = stream.ConsumerGroup;
            if (settings.PubSubCase == Settings.PubSubOneofCase.Publishing)
            {
                stream.Publishes(await ExistingTopicsAsync(settings.Publishing.Topics, stream.Namespace).ConfigureAwait(false));
            }
            else if (settings.PubSubCase == Settings.PubSubOneofCase.Subscription && settings.Subscription.Group is { } group)
            {
                var stored = Resources.Wrap(group, stream.Namespace);
                var held = ResourceNames.IsValidGroup(stored) && await runtime.FindSubscriptionGroupAsync(stored).ConfigureAwait(false) is not null;
                stream.Consumes(held ? stored : null, settings.ClientType, held ? Subscriptions(settings.Subscription.Subscriptions, stream.Namespace) : []);
            }

            foreach (var topic in previousTopics.Except(stream.PublishingTopics, StringComparer.Ordinal))
            {
                runtime.ProducerManager.UnregisterProducer(topic, stream);
            }

            if (previousGroup is not null && previousGroup != stream.ConsumerGroup)
            {
                runtime.ConsumerManager.UnregisterConsumer(previousGroup, stream, notifyConsumerIdsChanged: true);
            }

            Refresh(stream);
            stream.SettingsAppliedAt = Stopwatch.GetTimestamp();
        }
        finally
        {
            stream.Registering.Release();
        }
    }

    /// <summary>The stream ended or its client terminates: it leaves every table.</summary>
    public void Unregister(TelemetryStream stream)
    {
        stream.End();
        _byClientId.TryRemove(new KeyValuePair<string, TelemetryStream>(stream.ClientId, stream));
        foreach (var topic in stream.PublishingTopics)
        {
            runtime.ProducerManager.UnregisterProducer(topic, stream);
        }

        if (stream.ConsumerGroup is { } group)
        {
            runtime.ConsumerManager.UnregisterConsumer(group, stream, notifyConsumerIdsChanged: true);
        }
    }

    private void Refresh(TelemetryStream stream)
    {
        // An ended stream has left the tables (Unregister): a heartbeat racing with that must not put it back.
        if (stream.Info is not { } info || !stream.IsActive)
        {
            return;
        }

        foreach (var topic in stream.PublishingTopics)
        {
            runtime.ProducerManager.RegisterProducer(topic, info);
        }

        if (stream.ConsumerGroup is { } group)
        {
            runtime.ConsumerManager.RegisterConsumer(group, info, stream.ConsumeType, MessageModel.Clustering, ConsumeFromWhere.ConsumeFromLastOffset,
                stream.Subscriptions, notifyConsumerIdsChanged: true);
        }
    }

    private async ValueTask<IReadOnlyList<string>> ExistingTopicsAsync(IEnumerable<Resource> topics, string headerNamespace)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var existing = new List<string>();
        foreach (var topic in topics)
        {
            var stored = Resources.Wrap(topic, headerNamespace);
            if (ResourceNames.IsValidTopic(stored) && seen.Add(stored) && await runtime.Topics.GetAsync(stored).ConfigureAwait(false) is not null)
            {
                existing.Add(stored);
            }
        }

        return existing;
    }

    private static SubscriptionData[] Subscriptions(IEnumerable<SubscriptionEntry> entries, string headerNamespace)
    {
        // One per topic, as the tables keep them (the last entry of a topic wins).
        var subscriptions = new Dictionary<string, SubscriptionData>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var topic = Resources.Wrap(entry.Topic, headerNamespace);
            var isSql = entry.Expression is { Type: FilterType.Sql };
            var expression = entry.Expression?.Expression;
            if (!ResourceNames.IsValidTopic(topic) || isSql && string.IsNullOrEmpty(expression))
            {
                continue;
            }

            subscriptions[topic] = SubscriptionFilter.Build(topic, expression, isSql ? SubscriptionData.ExpressionTypeSql92 : SubscriptionData.ExpressionTypeTag);
        }

        return [.. subscriptions.Values];
    }
}
