using System.Diagnostics.Metrics;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Diagnostics;

/// <summary>
/// The brokers and sources the observable gauges read at collection time (a scrape, every few seconds): allocation
/// here is per scrape, not per message. Several silos may run in one process (tests): each is tagged by broker name.
/// </summary>
internal static class BrokerObservations
{
    private static readonly object Gate = new();
    private static Attached[] attached = [];
    private static Func<long>[] delayBacklogSources = [];

    public static IDisposable Attach(BrokerRuntime runtime, Func<int> connectionCount)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(connectionCount);
        var entry = new Attached(runtime, connectionCount);
        lock (Gate)
        {
            attached = [.. attached, entry];
        }

        return new Registration(() =>
        {
            lock (Gate)
            {
                attached = [.. attached.Where(item => !ReferenceEquals(item, entry))];
            }
        });
    }

    public static IDisposable AddDelayBacklog(Func<long> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (Gate)
        {
            delayBacklogSources = [.. delayBacklogSources, source];
        }

        return new Registration(() =>
        {
            lock (Gate)
            {
                delayBacklogSources = [.. delayBacklogSources.Where(item => !ReferenceEquals(item, source))];
            }
        });
    }

    public static IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var entry in Volatile.Read(ref attached))
        {
            var store = entry.Runtime.Store;
            var brokerTag = BrokerTag(entry);
            foreach (var (group, topic) in store.ConsumerOffsets.GroupTopics)
            {
                long lag = 0;
                foreach (var (queueId, committed) in store.ConsumerOffsets.QueryAll(group, topic))
                {
                    lag += Math.Max(0, store.GetMaxOffsetInQueue(topic, queueId) - Math.Max(0, committed));
                }

                yield return new Measurement<long>(lag, brokerTag, new(MetricTags.ConsumerGroup, group), new(MetricTags.Topic, topic));
            }
        }
    }

    public static IEnumerable<Measurement<long>> ObserveStorageSize() =>
        Volatile.Read(ref attached).Select(entry =>
            new Measurement<long>(Math.Max(0, entry.Runtime.Store.MaxPhysicalOffset - entry.Runtime.Store.MinPhysicalOffset), BrokerTag(entry)));

    public static IEnumerable<Measurement<int>> ObserveHeldPulls() =>
        Volatile.Read(ref attached).Select(entry => new Measurement<int>(entry.Runtime.PullHold.HeldCount, BrokerTag(entry)));

    public static IEnumerable<Measurement<int>> ObserveConnections() =>
        Volatile.Read(ref attached).Select(entry => new Measurement<int>(entry.ConnectionCount(), BrokerTag(entry)));

    /// <summary>
    /// Each attached broker's delay backlog, levels and timer (tagged by broker), and the sum of the registered sources
    /// untagged; that one is always reported, so the series exists (0) before any delayed message.
    /// </summary>
    public static IEnumerable<Measurement<long>> ObserveDelayBacklog()
    {
        foreach (var entry in Volatile.Read(ref attached))
        {
            yield return new Measurement<long>(Store.Diagnostics.DelayBacklog.Of(entry.Runtime.Store), BrokerTag(entry));
        }

        yield return new Measurement<long>(Volatile.Read(ref delayBacklogSources).Sum(source => source()));
    }

    private static KeyValuePair<string, object?> BrokerTag(Attached entry) => new(MetricTags.Broker, entry.Runtime.Identity.BrokerName);

    private sealed record Attached(BrokerRuntime Runtime, Func<int> ConnectionCount);

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
