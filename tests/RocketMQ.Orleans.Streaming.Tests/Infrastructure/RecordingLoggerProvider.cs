using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Streaming.Tests;

/// <summary>Keeps the provider's warnings and errors, so a failing test can say what the silos reported.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public static readonly ConcurrentQueue<string> Entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    public static string Recent(int count = 5) => string.Join(" | ", Entries.TakeLast(count));

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && category.StartsWith("RocketMQ.Orleans.Streaming", StringComparison.Ordinal)
            || logLevel >= LogLevel.Warning && category.Contains("PersistentStreamPullingAgent", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                Entries.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
        }
    }
}
