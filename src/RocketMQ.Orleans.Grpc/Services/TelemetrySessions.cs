using System.Collections.Concurrent;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// The clients connected by Telemetry to this endpoint, from their first settings until their stream ends, so that
/// the server can send them commands. A RocketMQ 5 producer's group is the topic it publishes to (Apache's proxy
/// stores PGROUP = topic), so a transaction of group T is asked of a producer publishing T; an admin's call to a
/// consumer names its group and client id. As many entries as open streams, each gone with its stream.
/// </summary>
internal sealed class TelemetrySessions
{
    private readonly ConcurrentDictionary<TelemetryStream, byte> _streams = new();

    public void Add(TelemetryStream stream) => _streams.TryAdd(stream, 0);

    public void Remove(TelemetryStream stream) => _streams.TryRemove(stream, out _);

    /// <summary>One live producer of <paramref name="producerGroup"/> (any of them, spreading checks), or null.</summary>
    public TelemetryStream? FindProducer(string producerGroup)
    {
        TelemetryStream? chosen = null;
        var seen = 0;
        foreach (var stream in _streams.Keys)
        {
            // Reservoir sampling: each match is equally likely without collecting them.
            if (stream.PublishingTopics.Contains(producerGroup) && Random.Shared.Next(++seen) == 0)
            {
                chosen = stream;
            }
        }

        return chosen;
    }

    /// <summary>The open stream of consumer <paramref name="clientId"/> in <paramref name="consumerGroup"/> (stored name), or null.</summary>
    public TelemetryStream? FindConsumer(string consumerGroup, string clientId)
    {
        foreach (var stream in _streams.Keys)
        {
            if (string.Equals(stream.ClientId, clientId, StringComparison.Ordinal)
                && string.Equals(stream.ConsumerGroup, consumerGroup, StringComparison.Ordinal))
            {
                return stream;
            }
        }

        return null;
    }
}
