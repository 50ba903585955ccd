using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Core;

/// <summary>
/// Sends the client's heartbeat to every master broker it has seen in a route, periodically and on demand
/// (Apache <c>sendHeartbeatToAllBrokerWithLock</c>), and unregisters the client on stop.
/// </summary>
internal sealed class HeartbeatService : IAsyncDisposable
{
    /// <summary>MQVersion.Version.V4_9_8.ordinal(), the protocol release this client speaks (sent with heartbeats).</summary>
    public const int ClientVersion = 409;

    private readonly ClientCore _core;
    private readonly Func<HeartbeatData> _buildHeartbeat;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task? _loop;

    public HeartbeatService(ClientCore core, Func<HeartbeatData> buildHeartbeat)
    {
        _core = core;
        _buildHeartbeat = buildHeartbeat;
    }

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Heartbeats every known broker now; failures are logged, not thrown.</summary>
    public async Task SendToAllAsync(CancellationToken cancellationToken = default)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var body = _buildHeartbeat().Encode();
            foreach (var address in _core.Routes.KnownMasterAddresses)
            {
                try
                {
                    var heartbeat = _core.CreateRequest(RequestCode.HeartBeat, body: body);
                    // The broker keeps the heartbeat's version per client and refuses features (offset reset) to old ones.
                    heartbeat.Version = ClientVersion;
                    var response = await _core.InvokeAsync(address, heartbeat, cancellationToken: cancellationToken).ConfigureAwait(false);
                    ResponseChecks.EnsureSuccess(response, address);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    ClientLog.HeartbeatFailed(_core.Logger, address, exception.Message);
                }
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Tells every known broker this client leaves its groups (UNREGISTER_CLIENT), best effort.</summary>
    public async Task UnregisterAsync(string? producerGroup, string? consumerGroup)
    {
        var header = new UnregisterClientRequestHeader { ClientId = _core.ClientId, ProducerGroup = producerGroup, ConsumerGroup = consumerGroup };
        foreach (var address in _core.Routes.KnownMasterAddresses)
        {
            try
            {
                await _core.InvokeAsync(address, _core.CreateRequest(RequestCode.UnregisterClient, header)).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                ClientLog.HeartbeatFailed(_core.Logger, address, exception.Message);
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_core.Options.HeartbeatInterval);
        try
        {
            do
            {
                await SendToAllAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
        _sending.Dispose();
    }
}
