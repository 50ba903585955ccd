using System.Collections.Frozen;
using Apache.Rocketmq.V2;
using Grpc.Core;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// One client's open Telemetry stream, through which the server sends it commands (an orphaned transaction to
/// resolve, a thread-stack or verify-message request). Writes are serialized: the settings answer and server
/// commands may race.
/// </summary>
internal sealed class TelemetryStream(string clientId, string headerNamespace, IServerStreamWriter<TelemetryCommand> writer, CancellationToken closed)
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public string ClientId { get; } = clientId;

    /// <summary>The namespace the client named in its headers: server commands name resources without it.</summary>
    public string Namespace { get; } = headerNamespace;

    /// <summary>The stored (namespaced) names of the topics the client publishes to, from its latest settings.</summary>
    public FrozenSet<string> PublishingTopics { get; private set; } = FrozenSet<string>.Empty;

    /// <summary>The stored (namespaced) name of the consumer group the client's latest settings subscribe as, or null.</summary>
    public string? ConsumerGroup { get; private set; }

    /// <summary>Apache's consume type of that consumer: CONSUME_ACTIVELY for a simple consumer, CONSUME_PASSIVELY for a push consumer.</summary>
    public string? ConsumeType { get; private set; }

    public void Publishes(IEnumerable<string> topics) => PublishingTopics = topics.ToFrozenSet(StringComparer.Ordinal);

    public void Consumes(string group, ClientType clientType)
    {
        ConsumeType = clientType == ClientType.SimpleConsumer ? "CONSUME_ACTIVELY" : "CONSUME_PASSIVELY";
        ConsumerGroup = group;
    }

    public async ValueTask WriteAsync(TelemetryCommand command)
    {
        await _writing.WaitAsync(closed).ConfigureAwait(false);
        try
        {
            await writer.WriteAsync(command, closed).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }
}
