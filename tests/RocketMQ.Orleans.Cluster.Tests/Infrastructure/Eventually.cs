using System.Diagnostics;

namespace RocketMQ.Orleans.Cluster.Tests.Infrastructure;

/// <summary>Awaits a condition by polling, failing with a message once the timeout has passed.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns how long the condition took to hold.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return stopwatch.Elapsed;
            }

            if (stopwatch.Elapsed > timeout)
            {
                Assert.Fail($"Not true after {timeout.TotalSeconds:0.#} s: {because}");
            }

            await Task.Delay(PollInterval);
        }
    }
}
