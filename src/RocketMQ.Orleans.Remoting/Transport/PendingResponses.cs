using System.Collections.Concurrent;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>Requests this side sent on one connection and still waits for, keyed by opaque.</summary>
internal sealed class PendingResponses
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<RemotingCommand>> _pending = new();

    public int Count => _pending.Count;

    public TaskCompletionSource<RemotingCommand> Add(int opaque)
    {
        // Continuations run off the event loop that completes them.
        var completion = new TaskCompletionSource<RemotingCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(opaque, completion))
        {
            throw new InvalidOperationException($"A request with opaque {opaque} is already pending on this connection.");
        }

        return completion;
    }

    public void Remove(int opaque) => _pending.TryRemove(opaque, out _);

    /// <summary>False if no request waits for this opaque (it timed out, or the peer misbehaves).</summary>
    public bool TryComplete(RemotingCommand response) =>
        _pending.TryRemove(response.Opaque, out var completion) && completion.TrySetResult(response);

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
