using System.Collections.Concurrent;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>Counters shared by every fuzzing connection (any thread).</summary>
internal sealed class FuzzStats
{
    private const int MaxSamples = 20;

    /// <summary>
    /// Exception types whose name in a SYSTEM_ERROR remark means a processor or decoder threw on input it should have
    /// refused: the dispatcher caught what the code did not handle.
    /// </summary>
    private static readonly string[] UnhandledExceptionTypes =
    [
        "System.NullReferenceException", "System.IndexOutOfRangeException", "System.ArgumentOutOfRangeException",
        "System.ArgumentNullException", "System.ArgumentException", "System.InvalidCastException",
        "System.Collections.Generic.KeyNotFoundException", "System.OverflowException", "System.FormatException",
        "System.InvalidOperationException", "System.NotSupportedException", "System.NotImplementedException",
        "System.DivideByZeroException", "System.OutOfMemoryException", "System.Text.Json.JsonException",
        "System.Text.DecoderFallbackException", "System.InsufficientExecutionStackException",
    ];

    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<string> _unexpectedCloses = new();
    private readonly ConcurrentQueue<string> _unsolicitedSamples = new();
    private readonly ConcurrentDictionary<int, long> _responseCodes = new();
    private readonly ConcurrentDictionary<string, (long Count, string First)> _unhandled = new();
    private long _framesSent;
    private long _bytesSent;
    private long _answered;
    private long _silent;
    private long _closedExpected;
    private long _closedUnexpected;
    private long _answersLostToClose;
    private long _held;
    private long _unsolicited;
    private long _connectionsOpened;
    private long _failureCount;

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long Answered => Interlocked.Read(ref _answered);

    public long Silent => Interlocked.Read(ref _silent);

    public long ClosedExpected => Interlocked.Read(ref _closedExpected);

    public long ClosedUnexpected => Interlocked.Read(ref _closedUnexpected);

    public long AnswersLostToClose => Interlocked.Read(ref _answersLostToClose);

    public long Held => Interlocked.Read(ref _held);

    public long Unsolicited => Interlocked.Read(ref _unsolicited);

    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    public long FailureCount => Interlocked.Read(ref _failureCount);

    public IReadOnlyList<string> Failures => [.. _failures];

    public IReadOnlyList<string> UnexpectedCloseSamples => [.. _unexpectedCloses];

    public IReadOnlyList<string> UnsolicitedSamples => [.. _unsolicitedSamples];

    public IReadOnlyDictionary<int, long> ResponseCodes => new SortedDictionary<int, long>(_responseCodes);

    public IReadOnlyDictionary<string, (long Count, string First)> UnhandledExceptions => new SortedDictionary<string, (long, string)>(_unhandled, StringComparer.Ordinal);

    public void Sent(int bytes)
    {
        Interlocked.Increment(ref _framesSent);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    public void SilentFrame() => Interlocked.Increment(ref _silent);

    public void ConnectionOpened() => Interlocked.Increment(ref _connectionsOpened);

    public void Closed(bool expected, int answersLost, string frame)
    {
        Interlocked.Add(ref _answersLostToClose, answersLost);
        if (expected)
        {
            Interlocked.Increment(ref _closedExpected);
            return;
        }

        if (Interlocked.Increment(ref _closedUnexpected) <= MaxSamples)
        {
            _unexpectedCloses.Enqueue(frame);
        }
    }

    public void HeldAtEnd(int count) => Interlocked.Add(ref _held, count);

    public void UnsolicitedResponse(string sample)
    {
        if (Interlocked.Increment(ref _unsolicited) <= MaxSamples)
        {
            _unsolicitedSamples.Enqueue(sample);
        }
    }

    public void Answer(int code, string? remark, string frame)
    {
        Interlocked.Increment(ref _answered);
        _responseCodes.AddOrUpdate(code, 1, static (_, n) => n + 1);
        if (UnhandledType(remark) is { } type)
        {
            _unhandled.AddOrUpdate(type, (1, $"{frame}: code {code}, remark {Shorten(remark!)}"), static (_, v) => (v.Count + 1, v.First));
        }
    }

    public void Fail(string failure)
    {
        if (Interlocked.Increment(ref _failureCount) <= MaxSamples)
        {
            _failures.Enqueue(failure);
        }
    }

    private static string? UnhandledType(string? remark)
    {
        if (remark is null)
        {
            return null;
        }

        foreach (var type in UnhandledExceptionTypes)
        {
            if (remark.StartsWith(type, StringComparison.Ordinal) && remark.AsSpan(type.Length).StartsWith(":"))
            {
                return type;
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
