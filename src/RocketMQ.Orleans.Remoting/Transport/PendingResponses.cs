using System.Collections.Concurrent;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>Requests this side sent on one connection and still waits for, keyed by opaque.</summary>
internal sealed class PendingResponses
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<RemotingCommand>> _pending = new();

    public int Count => _pending.Count;

    /// <summary>
    /// Registers a request. Its continuations run off the event loop that completes it, unless
    /// <paramref name="continueOnNetworkThread"/> asks for them to run right there (see <see cref="NettyConnection.InvokeAsync(RemotingCommand, TimeSpan, bool, CancellationToken)"/>).
    /// </summary>
    public TaskCompletionSource<RemotingCommand> Add(int opaque, bool continueOnNetworkThread = false)
    {
        var completion = new TaskCompletionSource<RemotingCommand>(
            continueOnNetworkThread ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(opaque, completion))
        {
            throw new InvalidOperationException($"A request with opaque {opaque} is already pending on this connection.");
        }

        return completion;
    }

    public void Remove(int opaque) => _pending.TryRemove(opaque, out _);

    /// <summary>False if no request waits for this opaque (it timed out, or the peer misbehaves).</summary>
    public bool TryComplete(RemotingCommand response)
    {
        if (!_pending.TryRemove(response.Opaque, out var completion))
        {
            return false;
        }

        if ((completion.Task.CreationOptions & TaskCreationOptions.RunContinuationsAsynchronously) != 0)
        {
            return completion.TrySetResult(response);
        }

        // Resumes the awaiter here, on the event loop that decoded the response.
        return InlineCompletion.Run(static pair => pair.Source.TrySetResult(pair.Result), (Source: completion, Result: response));
    }

    public void FailAll(Exception exception)
    {
        foreach (var opaque in _pending.Keys)
        {
            if (_pending.TryRemove(opaque, out var completion))
            {
                completion.TrySetException(exception);
            }
        }
    }
}
