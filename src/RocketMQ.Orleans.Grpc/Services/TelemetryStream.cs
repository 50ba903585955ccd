using System.Net;
using Apache.Rocketmq.V2;
using Grpc.Core;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// One client's open Telemetry stream: its channel in the broker's producer and consumer tables (the client is
/// listed, checked and expired there as a remoting client is) and the way the server sends it commands (an orphaned
/// transaction to resolve, a thread-stack or verify-message request). Writes are serialized: the settings answer and
/// server commands may race.
/// </summary>
internal sealed class TelemetryStream : IClientChannel
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly IServerStreamWriter<TelemetryCommand> _writer;
    private readonly CancellationToken _closed;
    private readonly Action _abort;
    private volatile bool _ended;

    public TelemetryStream(string clientId, string headerNamespace, IServerStreamWriter<TelemetryCommand> writer, CancellationToken closed,
        EndPoint remoteEndPoint, Action abort)
    {
        ClientId = clientId;
        Namespace = headerNamespace;
        _writer = writer;
        _closed = closed;
        RemoteEndPoint = remoteEndPoint;
        _abort = abort;
    }

    public string ClientId { get; }

    /// <summary>The namespace the client named in its headers: server commands name resources without it.</summary>
    public string Namespace { get; }

    public EndPoint RemoteEndPoint { get; }

    public bool IsActive => !_ended && !_closed.IsCancellationRequested;

    /// <summary>The client as the broker's tables list it, from its latest settings; null before any.</summary>
    public ClientChannelInfo? Info { get; private set; }

    /// <summary>The stored (namespaced) names of the topics the client publishes to and the broker has, from its latest settings.</summary>
    public IReadOnlyList<string> PublishingTopics { get; private set; } = [];

    /// <summary>The stored (namespaced) name of the consumer group the client's latest settings subscribe as, or null.</summary>
    public string? ConsumerGroup { get; private set; }

    /// <summary>Apache's consume type of that consumer: CONSUME_ACTIVELY for a simple consumer, CONSUME_PASSIVELY for a push consumer.</summary>
    public ConsumeType ConsumeType { get; private set; }

    /// <summary>That consumer's subscriptions (stored topic names), from its latest settings.</summary>
    public IReadOnlyList<SubscriptionData> Subscriptions { get; private set; } = [];

    /// <summary>The client's latest settings (what heartbeats apply again); null before any.</summary>
    public Settings? Settings { get; private set; }

    /// <summary>Held while settings are applied to the broker's tables (see <see cref="GrpcClients"/>).</summary>
    public SemaphoreSlim Registering { get; } = new(1, 1);

    /// <summary>When the latest settings were last applied to the tables (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long SettingsAppliedAt { get; set; }

    /// <summary>The client's latest settings and how the tables list it under them.</summary>
    public void Identify(ClientChannelInfo info, Settings settings)
    {
        Info = info;
        Settings = settings;
    }

    public void Publishes(IReadOnlyList<string> topics) => PublishingTopics = topics;

    /// <summary>The consumer's group (null: none the broker holds) and subscriptions, from its latest settings.</summary>
    public void Consumes(string? group, ClientType clientType, IReadOnlyList<SubscriptionData> subscriptions)
    {
        ConsumeType = clientType == ClientType.SimpleConsumer ? ConsumeType.ConsumeActively : ConsumeType.ConsumePassively;
        ConsumerGroup = group;
        Subscriptions = subscriptions;
    }

    /// <summary>The stream has ended (or the client said it terminates): the channel is no longer active.</summary>
    public void End() => _ended = true;

    /// <summary>Aborts the stream's HTTP/2 request: a client whose heartbeats stopped reconnects anew.</summary>
    public void Close()
    {
        _ended = true;
        _abort();
    }

    public async ValueTask WriteAsync(TelemetryCommand command)
    {
        await _writing.WaitAsync(_closed).ConfigureAwait(false);
        try
        {
            await _writer.WriteAsync(command, _closed).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }
}
