using RocketMQ.Orleans.Store.Faults;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;
using RocketMQ.Orleans.Testing;

namespace RocketMQ.Orleans.Store.Tests.FailStop;

/// <summary>A put that finds FASTER's in-memory ring full answers busy instead of spinning (sends run on the event loop).</summary>
public sealed class RingFullTests
{
    [Fact]
    public async Task A_full_ring_answers_busy_and_puts_succeed_again_once_pages_are_written_out()
    {
        var faults = new StorageFaults();
        await using var test = await FaultyStore.OpenAsync(faults, configure: FaultyStore.TinyRing);
        var body = new string('x', 600);
        var stored = new List<string>();
        try
        {
            faults.StallPageFlushes();
            // Run off the test thread: without the bound the put never returns.
            var busy = await Task.Run(async () =>
            {
                for (int i = 0; i < 200; i++)
                {
                    var result = await test.Store.PutMessageAsync(TestStore.Message("T", 0, $"{i}:{body}"));
                    if (result.Status == PutMessageStatus.OsPageCacheBusy) return result;
                    Assert.Equal(PutMessageStatus.PutOk, result.Status);
                    stored.Add($"{i}:{body}");
                }

                return default(PutMessageResult?);
            }).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.NotNull(busy);
            Assert.Contains("ring is full", busy.Value.Reason);
            Assert.True(stored.Count < 200);
        }
        finally
        {
            faults.Release();
        }

        // Pages written out: the ring has room again.
        var next = $"after:{body}";
        await Eventually.HoldsAsync(async () => (await test.Store.PutMessageAsync(TestStore.Message("T", 0, next))).IsOk,
            TimeSpan.FromSeconds(10), "puts succeed once the device completes its writes");
        stored.Add(next);
        Assert.Null(test.Store.ReadOnlyReason);

        await test.Store.WaitForDispatchAsync();
        using var got = await test.Store.GetMessageAsync("g", "T", 0, 0, 512);
        // Nothing answered busy was stored; everything acknowledged is there, in order.
        Assert.Equal(stored, got.Messages.Select(TestStore.BodyOf));
    }
}
