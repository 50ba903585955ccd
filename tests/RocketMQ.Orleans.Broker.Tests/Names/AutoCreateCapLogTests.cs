using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Tests.Support;

namespace RocketMQ.Orleans.Broker.Tests.Names;

/// <summary>A client cycling new group names past the auto-creation cap must not flood the broker's log.</summary>
public sealed class AutoCreateCapLogTests
{
    [Fact]
    public async Task Refusals_past_the_cap_are_logged_once_per_thousand()
    {
        var log = new CountingLoggerProvider("not auto-created");
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(log));
        await using var host = await BrokerTestHost.StartAsync(options => options.MaxAutoCreatedSubscriptionGroups = 1, loggerFactory: factory);

        Assert.NotNull(await host.Runtime.FindSubscriptionGroupAsync("LogCapFirst"));
        for (var i = 0; i < 2001; i++)
        {
            Assert.Null(await host.Runtime.FindSubscriptionGroupAsync("LogCap" + i));
        }

        // The 1st, 1,001st and 2,001st refusals.
        Assert.Equal(3, log.Count);
    }

    private sealed class CountingLoggerProvider(string text) : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && formatter(state, exception).Contains(text, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void Dispose()
        {
        }
    }
}
