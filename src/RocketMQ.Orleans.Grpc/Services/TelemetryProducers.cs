using System.Collections.Concurrent;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// The producers connected by Telemetry to this endpoint. A RocketMQ 5 producer's group is the topic it publishes
/// to (Apache's proxy stores PGROUP = topic), so a transaction of group T is asked of a producer publishing T.
/// </summary>
internal sealed class TelemetryProducers
{
    private readonly ConcurrentDictionary<TelemetryStream, byte> _streams = new();

    public void Add(TelemetryStream stream) => _streams.TryAdd(stream, 0);

    public void Remove(TelemetryStream stream) => _streams.TryRemove(stream, out _);

    /// <summary>One live producer of <paramref name="producerGroup"/> (any of them, spreading checks), or null.</summary>
    public TelemetryStream? Find(string producerGroup)
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
}
