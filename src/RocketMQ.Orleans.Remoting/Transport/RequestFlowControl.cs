using DotNetty.Transport.Channels;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// Bounds what one connection can make the server hold: at most <c>maxInFlight</c> requests dispatched and not yet
/// answered, and no dispatching while its outbound buffer is over the high-water mark. Requests beyond that are
/// parked (reading from the socket stops, so at most one read batch is parked) and dispatched when it drains.
/// Everything except <see cref="OnRequestCompleted"/> runs on the channel's event loop.
/// </summary>
internal sealed class RequestFlowControl
{
    private readonly IChannel _channel;
    private readonly RequestDispatcher _dispatcher;
    private readonly int _maxInFlight;
    private readonly Queue<RemotingCommand> _parked = new();
    private readonly Action _resume;
    private NettyConnection? _connection;
    private int _inFlight;
    private int _resumeScheduled;
    private volatile bool _paused;

    public RequestFlowControl(IChannel channel, RequestDispatcher dispatcher, int maxInFlight)
    {
        _channel = channel;
        _dispatcher = dispatcher;
        _maxInFlight = maxInFlight;
        _resume = Resume;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Parked => _parked.Count;

    public bool IsPaused => _paused;

    /// <summary>The connection requests are dispatched for (created after this, with this).</summary>
    public void Attach(NettyConnection connection) => _connection = connection;

    public void Admit(RemotingCommand request)
    {
        if (_parked.Count > 0 || !CanDispatch())
        {
            _parked.Enqueue(request);
            Pause();

            // A completion that ran just before Pause saw no pause and scheduled no resume: check again.
            if (CanDispatch())
            {
                Resume();
            }

            return;
        }

        Dispatch(request);
    }

    /// <summary>Any thread: a dispatched request is done.</summary>
    public void OnRequestCompleted()
    {
        var inFlight = Interlocked.Decrement(ref _inFlight);
        if (_paused && inFlight < _maxInFlight && Interlocked.Exchange(ref _resumeScheduled, 1) == 0)
        {
            try
            {
                _channel.EventLoop.Execute(_resume);
            }
            catch (Exception) when (!_channel.Open)
            {
                // Shut down with its channel: nothing left to resume.
            }
        }
    }

    /// <summary>Event loop: writability changed or a slot freed up.</summary>
    public void Resume()
    {
        // Reset first (full fence): a completion after this point either is seen below or schedules another run.
        Interlocked.Exchange(ref _resumeScheduled, 0);
        if (!_channel.Active)
        {
            _parked.Clear();
            return;
        }

        while (_parked.Count > 0 && CanDispatch())
        {
            Dispatch(_parked.Dequeue());
        }

        if (_parked.Count == 0 && CanDispatch() && _paused)
        {
            _paused = false;
            _channel.Configuration.AutoRead = true;
        }
    }

    public void Pause()
    {
        if (!_paused)
        {
            _paused = true;

            // Pairs with the full fence of Interlocked.Decrement in OnRequestCompleted.
            Interlocked.MemoryBarrier();
            _channel.Configuration.AutoRead = false;
        }
    }

    private bool CanDispatch() => _channel.IsWritable && Volatile.Read(ref _inFlight) < _maxInFlight;

    private void Dispatch(RemotingCommand request)
    {
        Interlocked.Increment(ref _inFlight);
        _dispatcher.Dispatch(_connection ?? throw new InvalidOperationException("No connection attached."), request);
    }
}
