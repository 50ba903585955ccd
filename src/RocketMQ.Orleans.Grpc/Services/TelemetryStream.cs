using System.Collections.Frozen;
using Apache.Rocketmq.V2;
using Grpc.Core;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// One client's open Telemetry stream, through which the server sends it commands (an orphaned transaction to
/// resolve). Writes are serialized: the settings answer and server commands may race.
/// </summary>
internal sealed class TelemetryStream(string clientId, string headerNamespace, IServerStreamWriter<TelemetryCommand> writer, CancellationToken closed)
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public string ClientId { get; } = clientId;

    /// <summary>The namespace the client named in its headers: server commands name resources without it.</summary>
    public string Namespace { get; } = headerNamespace;

    /// <summary>The stored (namespaced) names of the topics the client publishes to, from its latest settings.</summary>
    public FrozenSet<string> PublishingTopics { get; private set; } = FrozenSet<string>.Empty;

    public void Publishes(IEnumerable<string> topics) => PublishingTopics = topics.ToFrozenSet(StringComparer.Ordinal);

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
