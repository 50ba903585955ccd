using System.Diagnostics;

namespace RocketMQ.Orleans.Testing;

/// <summary>Awaits a condition by polling instead of sleeping a fixed time; fails with a message once the timeout passes.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Polls a condition that is cheap to read (a counter, a flag) every 10 ms.</summary>
    public static Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout ?? DefaultTimeout, () => because, TimeSpan.FromMilliseconds(10));

    /// <summary>Polls an asynchronous condition every 50 ms (or <paramref name="interval"/>); returns how long it took to hold.</summary>
    public static Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, TimeSpan? interval = null) =>
        HoldsAsync(condition, timeout, () => because, interval);

    /// <summary>As above, with the failure message built only when it is needed (e.g. from state read over the wire).</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, TimeSpan? interval = null)
    {
        var pause = interval ?? TimeSpan.FromMilliseconds(50);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not true within {timeout.TotalSeconds:0.#} s: {describe()}");
            }

            await Task.Delay(pause);
        }

        return clock.Elapsed;
    }
}
