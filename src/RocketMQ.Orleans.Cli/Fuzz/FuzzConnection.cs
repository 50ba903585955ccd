using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>
/// One fuzzing connection: sends its share of the frames over a raw socket, at most <c>window</c> answers awaited at
/// once, and checks each against the oracle. A frame the server must refuse ends the socket (it must close it) and
/// the next frame goes on a fresh one.
/// </summary>
internal sealed class FuzzConnection
{
    private const int MaxHeldPerConnection = 32;

    private readonly EndPoint _endPoint;
    private readonly FuzzTarget _target;
    private readonly FrameMutator _mutator;
    private readonly FuzzStats _stats;
    private readonly FuzzSettings _settings;
    private readonly Action<string>? _trace;

    public FuzzConnection(EndPoint endPoint, FuzzTarget target, FrameMutator mutator, FuzzStats stats, FuzzSettings settings, Action<string>? trace = null)
    {
        _endPoint = endPoint;
        _target = target;
        _mutator = mutator;
        _stats = stats;
        _settings = settings;
        _trace = trace;
    }

    public async Task RunAsync(IEnumerable<long> frameIndices, CancellationToken cancellationToken)
    {
        Session? session = null;
        try
        {
            foreach (long index in frameIndices)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frame = _mutator.Generate(index, _target);
                var expectation = FrameExpectation.Of(frame.Bytes, _settings.MaxFrameLength);
                _trace?.Invoke($"{frame.Describe()}: expect {expectation.Outcome}, {expectation.Answers.Count} answer(s){(expectation.Error is { } e ? " — " + e : string.Empty)}");

                if (session is { HeldCount: >= MaxHeldPerConnection })
                {
                    await session.DrainAsync(cancellationToken).ConfigureAwait(false);
                    await session.DisposeAsync().ConfigureAwait(false);
                    session = null;
                }

                for (int attempt = 0; ; attempt++)
                {
                    session ??= await Session.OpenAsync(_endPoint, _stats, _settings, _trace, cancellationToken).ConfigureAwait(false);
                    var result = await session.SendAsync(frame, expectation, cancellationToken).ConfigureAwait(false);
                    if (result == SendResult.Continue)
                    {
                        break;
                    }

                    await session.DisposeAsync().ConfigureAwait(false);
                    session = null;

                    // Closed before this frame went out (by an earlier frame's fault): send it again, once.
                    if (result == SendResult.Done || attempt > 0)
                    {
                        break;
                    }
                }
            }

            if (session is not null)
            {
                await session.DrainAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private enum SendResult
    {
        /// <summary>The connection is still good for the next frame.</summary>
        Continue,

        /// <summary>The frame was handled and ended the connection.</summary>
        Done,

        /// <summary>The connection was gone before the frame could be sent.</summary>
        Retry,
    }

    private sealed class Pending(MutatedFrame frame, ExpectedAnswer answer)
    {
        public MutatedFrame Frame { get; } = frame;

        public ExpectedAnswer Answer { get; } = answer;

        public long SentAt { get; set; } = Stopwatch.GetTimestamp();
    }

    /// <summary>One socket and its reader.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly Socket _socket;
        private readonly FuzzStats _stats;
        private readonly FuzzSettings _settings;
        private readonly Action<string>? _trace;
        private readonly Dictionary<int, Queue<Pending>> _pending = [];
        private readonly SemaphoreSlim _slots;
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reader;
        private int _awaited;
        private int _held;
        private MutatedFrame? _lastFrame;

        private Session(Socket socket, FuzzStats stats, FuzzSettings settings, Action<string>? trace)
        {
            _socket = socket;
            _stats = stats;
            _settings = settings;
            _trace = trace;
            _slots = new SemaphoreSlim(settings.Window, settings.Window);
            _reader = Task.Run(ReadLoopAsync);
        }

        public static async Task<Session> OpenAsync(EndPoint endPoint, FuzzStats stats, FuzzSettings settings, Action<string>? trace, CancellationToken cancellationToken)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            stats.ConnectionOpened();
            return new Session(socket, stats, settings, trace);
        }

        /// <summary>
        /// Long polls sent and not answered yet. They take no window slot (a pull may be held as long as its header
        /// says), so the connection is recycled once too many are held.
        /// </summary>
        public int HeldCount
        {
            get
            {
                lock (_pending)
                {
                    return _held;
                }
            }
        }

        public async Task<SendResult> SendAsync(MutatedFrame frame, FrameExpectation expectation, CancellationToken cancellationToken)
        {
            if (_closed.Task.IsCompleted)
            {
                return OnUnexpectedClose();
            }

            if (expectation.ClosesConnection && !await AwaitAnswersAsync(cancellationToken).ConfigureAwait(false))
            {
                // Answers owed before this frame never came and the connection is gone: that close is not this frame's.
                return OnUnexpectedClose();
            }

            var entries = new List<Pending>(expectation.Answers.Count);
            foreach (var answer in expectation.Answers)
            {
                var pending = new Pending(frame, answer);
                if (!answer.MayBeHeld && !await WaitForSlotAsync(cancellationToken).ConfigureAwait(false))
                {
                    ReleaseSlots(entries);
                    return _closed.Task.IsCompleted ? OnUnexpectedClose() : SendResult.Done;
                }

                entries.Add(pending);
            }

            lock (_pending)
            {
                foreach (var entry in entries)
                {
                    if (!_pending.TryGetValue(entry.Answer.Opaque, out var queue))
                    {
                        _pending[entry.Answer.Opaque] = queue = new Queue<Pending>(1);
                    }

                    queue.Enqueue(entry);
                    _awaited += entry.Answer.MayBeHeld ? 0 : 1;
                    _held += entry.Answer.MayBeHeld ? 1 : 0;
                }

                _lastFrame = frame;
            }

            try
            {
                await _socket.SendAsync(frame.Bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                _stats.Sent(frame.Bytes.Length);
                if (expectation.Outcome == StreamOutcome.Incomplete)
                {
                    // The rest of the frame never comes: end our side so the server sees the stream end inside it.
                    _socket.Shutdown(SocketShutdown.Send);
                }
            }
            catch (SocketException)
            {
                Forget(entries);
                if (!expectation.ClosesConnection)
                {
                    return OnUnexpectedClose();
                }

                // Refused mid-send: the server read enough to reject the frame (a huge declared length) and closed.
                _stats.Sent(frame.Bytes.Length);
                _stats.Closed(expected: true, AbandonPending(), frame.Describe());
                return SendResult.Done;
            }

            if (expectation.Answers.Count == 0 && !expectation.ClosesConnection)
            {
                _stats.SilentFrame();
            }

            if (!expectation.ClosesConnection)
            {
                return SendResult.Continue;
            }

            // The server must close this connection (and only this one) within the response timeout.
            if (await Task.WhenAny(_closed.Task, Task.Delay(_settings.ResponseTimeout, cancellationToken)).ConfigureAwait(false) != _closed.Task)
            {
                _stats.Fail($"{frame.Describe()}: the server kept the connection open {_settings.ResponseTimeout.TotalSeconds:F0}s after a frame it cannot decode ({expectation.Outcome}: {expectation.Error ?? "incomplete"})");
            }

            _stats.Closed(expected: true, AbandonPending(), frame.Describe());
            return SendResult.Done;
        }

        /// <summary>Waits for every awaited answer; what is still missing after the timeout is a failure.</summary>
        public async Task DrainAsync(CancellationToken cancellationToken)
        {
            if (!await AwaitAnswersAsync(cancellationToken).ConfigureAwait(false))
            {
                OnUnexpectedClose();
            }
        }

        /// <summary>
        /// Waits until every answer owed on this connection came (all window slots free again). False if the connection
        /// closed first; answers still missing after the timeout are reported as failures.
        /// </summary>
        private async Task<bool> AwaitAnswersAsync(CancellationToken cancellationToken)
        {
            int taken = 0;
            try
            {
                while (taken < _settings.Window)
                {
                    if (!await WaitForSlotAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return !_closed.Task.IsCompleted;
                    }

                    taken++;
                }

                return true;
            }
            finally
            {
                if (taken > 0)
                {
                    _slots.Release(taken);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            lock (_pending)
            {
                int held = _pending.Values.Sum(q => q.Count(p => p.Answer.MayBeHeld));
                _stats.HeldAtEnd(held);
                _pending.Clear();
            }

            _stop.Cancel();
            _socket.Dispose();
            try
            {
                await _reader.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The reader ends with the socket.
            }

            _stop.Dispose();
            _slots.Dispose();
        }

        private async Task<bool> WaitForSlotAsync(CancellationToken cancellationToken)
        {
            var slot = _slots.WaitAsync(_settings.ResponseTimeout, cancellationToken);
            if (await Task.WhenAny(slot, _closed.Task).ConfigureAwait(false) == slot)
            {
                if (await slot.ConfigureAwait(false))
                {
                    return true;
                }

                // A full window for a whole timeout: what has waited that long is unanswered.
                ReportUnanswered();
                return false;
            }

            // Closed: a slot won at the same time is returned; the session is over.
            _ = slot.ContinueWith(static (t, s) => { if (t.IsCompletedSuccessfully && t.Result) { ((SemaphoreSlim)s!).Release(); } }, _slots, TaskScheduler.Default);
            return false;
        }

        private void ReportUnanswered()
        {
            lock (_pending)
            {
                long now = Stopwatch.GetTimestamp();
                foreach (var pending in _pending.Values.SelectMany(q => q))
                {
                    if (!pending.Answer.MayBeHeld && Stopwatch.GetElapsedTime(pending.SentAt, now) >= _settings.ResponseTimeout * 0.99)
                    {
                        _stats.Fail($"{pending.Frame.Describe()}: request code {pending.Answer.Code} opaque {pending.Answer.Opaque} decodes, yet got no answer within {_settings.ResponseTimeout.TotalSeconds:F0}s");
                    }
                }
            }
        }

        private SendResult OnUnexpectedClose()
        {
            _stats.Closed(expected: false, AbandonPending(), _lastFrame?.Describe() ?? "before any frame");
            return SendResult.Retry;
        }

        private int AbandonPending()
        {
            lock (_pending)
            {
                int lost = _pending.Values.Sum(q => q.Count(p => !p.Answer.MayBeHeld));
                foreach (var queue in _pending.Values)
                {
                    queue.Clear();
                }

                _pending.Clear();
                _awaited = 0;
                _held = 0;
                return lost;
            }
        }

        private void ReleaseSlots(List<Pending> taken)
        {
            int count = taken.Count(p => !p.Answer.MayBeHeld);
            if (count > 0)
            {
                _slots.Release(count);
            }
        }

        private void Forget(List<Pending> entries)
        {
            lock (_pending)
            {
                foreach (var entry in entries)
                {
                    if (_pending.TryGetValue(entry.Answer.Opaque, out var queue) && queue.Count > 0)
                    {
                        queue.Dequeue();
                        _awaited -= entry.Answer.MayBeHeld ? 0 : 1;
                        _held -= entry.Answer.MayBeHeld ? 1 : 0;
                    }
                }
            }
        }

        private async Task ReadLoopAsync()
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            int filled = 0;
            try
            {
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    int read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                    var sequence = new ReadOnlySequence<byte>(buffer, 0, filled);
                    while (RemotingCommandCodec.TryReadFrame(ref sequence, int.MaxValue, out var response))
                    {
                        OnResponse(response!);
                    }

                    int consumed = filled - (int)sequence.Length;
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
                }
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Reset or our own dispose: the connection is closed either way.
            }
            catch (RemotingProtocolException exception)
            {
                _stats.Fail($"the server sent a frame the protocol codec cannot decode after {_lastFrame?.Describe()}: {exception.Message}");
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                _closed.TrySetResult();
            }
        }

        private void OnResponse(RemotingCommand response)
        {
            if (!response.IsResponse)
            {
                // A request of the server's own (NOTIFY_CONSUMER_IDS_CHANGED after a fuzzed heartbeat): not an answer.
                return;
            }

            Pending? pending = null;
            lock (_pending)
            {
                if (_pending.TryGetValue(response.Opaque, out var queue) && queue.TryDequeue(out pending))
                {
                    if (queue.Count == 0)
                    {
                        _pending.Remove(response.Opaque);
                    }

                    _awaited -= pending.Answer.MayBeHeld ? 0 : 1;
                    _held -= pending.Answer.MayBeHeld ? 1 : 0;
                }
            }

            if (pending is null)
            {
                _trace?.Invoke($"unsolicited response opaque {response.Opaque} code {response.Code}: {response.Remark}");
                _stats.UnsolicitedResponse($"opaque {response.Opaque} code {response.Code} remark {response.Remark} after {_lastFrame?.Describe()}");
                return;
            }

            _trace?.Invoke($"{pending.Frame.Describe()}: answered code {response.Code}, remark {response.Remark}");
            _stats.Answer(response.Code, response.Remark, pending.Frame.Describe());
            if (!pending.Answer.MayBeHeld)
            {
                _slots.Release();
            }
        }
    }
}
