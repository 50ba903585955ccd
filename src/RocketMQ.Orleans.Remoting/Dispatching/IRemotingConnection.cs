using System.Net;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>
/// One peer connection as processors see it. Transport-free on purpose: processors and benchmarks
/// never touch a channel type, so the transport can be swapped or bypassed. Its <see cref="IClientChannel.Close"/> fails
/// pending invocations with <see cref="RemotingConnectionException"/>.
/// </summary>
public interface IRemotingConnection : IClientChannel
{
    /// <summary>Short, process-unique id (stable for the life of the connection).</summary>
    string Id { get; }

    EndPoint? LocalEndPoint { get; }

    /// <summary>
    /// Writes a command (typically a response) as is. Completes once the command is queued for writing, in order;
    /// a write that fails afterwards means the connection is closing, which <see cref="IConnectionEventListener"/> reports.
    /// </summary>
    ValueTask SendAsync(RemotingCommand command);

    /// <summary>
    /// Sends a request to the peer and waits for the response with the same opaque. The request is given a fresh
    /// process-wide opaque here, so callers need not manage them.
    /// Throws <see cref="RemotingTimeoutException"/> after <paramref name="timeout"/> and
    /// <see cref="RemotingConnectionException"/> if the connection closes first.
    /// </summary>
    Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="InvokeAsync(RemotingCommand, TimeSpan, CancellationToken)"/>; with
    /// <paramref name="continueOnNetworkThread"/> the caller's continuation runs on the network thread that received
    /// the response instead of the thread pool, so it must not block. A transport without network threads of its
    /// own ignores the flag.
    /// </summary>
    Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, bool continueOnNetworkThread, CancellationToken cancellationToken = default) =>
        InvokeAsync(request, timeout, cancellationToken);

    /// <summary>Sends a request marked oneway (the peer never answers it); completes once it is queued for writing.</summary>
    ValueTask InvokeOnewayAsync(RemotingCommand request);
}
