using System.Diagnostics;

namespace RocketMQ.Orleans.Client.Tests.Support;

/// <summary>Awaits a condition instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"Not true after {limit}: {because}");
            }

            await Task.Delay(10);
        }
    }
}
