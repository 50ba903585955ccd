using System.Net;
using DotNetty.Transport.Channels;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary><see cref="IRemotingConnection"/> over a DotNetty channel; the only place processors' calls meet the channel.</summary>
internal sealed class NettyConnection : IRemotingConnection, IRequestCompletionSink
{
    // Opaques of requests this process initiates (broker → client calls, our client's calls):
    // one counter so an opaque is never reused while its request may still be pending.
    private static int s_nextOpaque;

    private readonly IChannel _channel;
    private readonly PendingResponses _pending = new();
    private readonly OutboundQueue _outbound;

    public NettyConnection(IChannel channel, RequestFlowControl flowControl)
    {
        _channel = channel;
        FlowControl = flowControl;
        flowControl.Attach(this);
        _outbound = new OutboundQueue(channel);
        Id = channel.Id.AsShortText();
        CaptureEndPoints();
    }

    public string Id { get; }

    public EndPoint? RemoteEndPoint { get; private set; }

    public EndPoint? LocalEndPoint { get; private set; }

    public bool IsActive => _channel.Active;

    internal IChannel Channel => _channel;

    internal RequestFlowControl FlowControl { get; }

    internal int PendingInvocations => _pending.Count;

    public ValueTask SendAsync(RemotingCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _outbound.Enqueue(command);
        return ValueTask.CompletedTask;
    }

    public Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        InvokeAsync(request, timeout, continueOnNetworkThread: false, cancellationToken);

    /// <summary>
    /// With <paramref name="continueOnNetworkThread"/>, the caller's continuation runs on the event loop that decoded
    /// the response, and a request it sends from there is queued on that loop without waking it: no thread hand-off
    /// either way. The continuation must not block, since the loop serves every connection assigned to it.
    /// </summary>
    public async Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, bool continueOnNetworkThread, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var opaque = Interlocked.Increment(ref s_nextOpaque);
        request.Opaque = opaque;
        var completion = _pending.Add(opaque, continueOnNetworkThread);
        try
        {
            // Registered before this check: a close from now on fails it through OnClosed.
            if (!_channel.Active)
            {
                throw new RemotingConnectionException($"Connection to {RemoteEndPoint} is closed.");
            }

            _outbound.Enqueue(request);
            try
            {
                return continueOnNetworkThread
                    ? await WaitOnCompletingThreadAsync(completion, timeout, cancellationToken).ConfigureAwait(false)
                    : await completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new RemotingTimeoutException(
                    $"No response from {RemoteEndPoint} to request code {request.Code} (opaque {opaque}) within {timeout.TotalMilliseconds} ms.");
            }
        }
        finally
        {
            _pending.Remove(opaque);
        }
    }

    /// <summary>
    /// Task.WaitAsync would resume its awaiter through the thread pool; this resumes it on the thread that completes
    /// the response (the event loop), with the timeout and cancellation failing the same completion instead.
    /// </summary>
    private static async Task<RemotingCommand> WaitOnCompletingThreadAsync(TaskCompletionSource<RemotingCommand> completion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new Timer(
            static state => ((TaskCompletionSource<RemotingCommand>)state!).TrySetException(new TimeoutException()),
            completion,
            timeout,
            System.Threading.Timeout.InfiniteTimeSpan);
        using var cancellation = cancellationToken.Register(
            static (state, token) => ((TaskCompletionSource<RemotingCommand>)state!).TrySetCanceled(token),
            completion);
        return await completion.Task.ConfigureAwait(false);
    }

    public ValueTask InvokeOnewayAsync(RemotingCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Opaque = Interlocked.Increment(ref s_nextOpaque);
        request.MarkOneway();
        _outbound.Enqueue(request);
        return ValueTask.CompletedTask;
    }

    public void Close() => _ = _channel.CloseAsync();

    void IRequestCompletionSink.OnRequestCompleted() => FlowControl.OnRequestCompleted();

    /// <summary>
    /// Addresses are kept (they are gone from a closed socket, and logs of the close still need them) and shown
    /// as IPv4 when the dual-mode socket reports an IPv4-mapped IPv6 address, as clients know them.
    /// </summary>
    internal void CaptureEndPoints()
    {
        RemoteEndPoint = Normalize(_channel.RemoteAddress) ?? RemoteEndPoint;
        LocalEndPoint = Normalize(_channel.LocalAddress) ?? LocalEndPoint;
    }

    private static EndPoint? Normalize(EndPoint? endPoint) =>
        endPoint is IPEndPoint { Address.IsIPv4MappedToIPv6: true } ip ? new IPEndPoint(ip.Address.MapToIPv4(), ip.Port) : endPoint;

    /// <summary>Called on the event loop for every response frame; false if nothing waited for it.</summary>
    internal bool CompleteResponse(RemotingCommand response) => _pending.TryComplete(response);

    internal void OnClosed() =>
        _pending.FailAll(new RemotingConnectionException($"Connection to {RemoteEndPoint} closed before the response arrived."));

    public override string ToString() => $"{Id} {RemoteEndPoint}";
}
