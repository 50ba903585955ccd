using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Broker.Tests.Support;

namespace RocketMQ.Orleans.Broker.Tests.Names;

/// <summary>The auto-creation cap's setting and log: validated at start, one line per 1,000 refusals.</summary>
public sealed class AutoCreateCapLogTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(BrokerOptions.DefaultMaxAutoCreatedSubscriptionGroups, true)]
    public void A_cap_below_one_fails_validation(int max, bool valid)
    {
        var result = new SubscriptionGroupOptionsValidator().Validate(null, new BrokerOptions { MaxAutoCreatedSubscriptionGroups = max });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("MaxAutoCreatedSubscriptionGroups must be at least 1", result.FailureMessage, StringComparison.Ordinal);
        }
    }

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
