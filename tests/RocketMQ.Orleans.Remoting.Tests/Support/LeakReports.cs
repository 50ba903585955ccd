using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Remoting.Tests.Support;

/// <summary>
/// Collects DotNetty's leak reports. DotNetty binds its loggers when its types initialise, so the factory is
/// installed by a module initializer, before any test touches DotNetty.
/// </summary>
internal static class LeakReports
{
    private static readonly ConcurrentQueue<string> s_reports = new();

    public static IReadOnlyCollection<string> Reports => s_reports;

    public static void Clear() => s_reports.Clear();

    [ModuleInitializer]
    internal static void Install() => DotNettyLogging.UseLoggerFactory(new Factory());

    private sealed class Factory : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.Contains("LEAK", StringComparison.Ordinal))
            {
                s_reports.Enqueue(message);
            }
        }
    }
}
