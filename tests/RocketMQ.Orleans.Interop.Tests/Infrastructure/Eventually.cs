using System.Diagnostics;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>Polls a condition that no event announces (broker state read over the wire) until it holds.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        var pause = interval ?? TimeSpan.FromMilliseconds(200);
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not true within {timeout.TotalSeconds:0} s: {describe()}");
            }

            await Task.Delay(pause);
        }
    }
}
