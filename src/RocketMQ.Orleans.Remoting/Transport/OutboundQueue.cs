using System.Collections.Concurrent;
using DotNetty.Transport.Channels;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// Hands commands written from other threads (executor workers, callers of InvokeAsync) to the channel's event
/// loop in batches: one loop task and one flush (one socket send) for everything queued meanwhile, instead of a
/// task and a send per command. Order is preserved. Holds at most what the connection's flow control lets in.
/// </summary>
internal sealed class OutboundQueue
{
    private readonly IChannel _channel;
    private readonly ConcurrentQueue<object> _queue = new();
    private readonly Action _drain;
    private int _drainScheduled;

    public OutboundQueue(IChannel channel)
    {
        _channel = channel;
        _drain = Drain;
    }

    public void Enqueue(object message)
    {
        _queue.Enqueue(message);
        if (Interlocked.Exchange(ref _drainScheduled, 1) == 0)
        {
            try
            {
                _channel.EventLoop.Execute(_drain);
            }
            catch (Exception) when (!_channel.Open)
            {
                // The event loop is shut down with the channel: nothing can be written any more.
            }
        }
    }

    private void Drain()
    {
        // Reset before draining: a message enqueued after this point either is drained below or schedules a new drain.
        Interlocked.Exchange(ref _drainScheduled, 0);
        var written = false;
        while (_queue.TryDequeue(out var message))
        {
            // A failed write means the channel is closing; ChannelInactive fails what waits on it.
            _ = _channel.WriteAsync(message);
            written = true;
        }

        if (written)
        {
            _channel.Flush();
        }
    }
}
