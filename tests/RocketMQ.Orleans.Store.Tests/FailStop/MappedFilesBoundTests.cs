using System.Diagnostics;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;
using Xunit.Abstractions;

namespace RocketMQ.Orleans.Store.Tests.FailStop;

/// <summary>
/// Consume-queue files are mapped on demand within a store-wide bound, so auto-created topics cannot exhaust the
/// kernel's vm.max_map_count (65530). <c>scripts/soak-mapped-queues.sh</c> runs the same test with 100,000 topics
/// (RMQ_SOAK_TOPICS) under the default bound (RMQ_SOAK_BOUND); CI runs 1,000 topics under a bound of 64.
/// </summary>
public sealed class MappedFilesBoundTests(ITestOutputHelper output)
{
    private const int Bound = 64;

    [Fact]
    public async Task Thousands_of_topics_keep_the_mapped_consume_queue_files_within_the_bound()
    {
        int topics = int.TryParse(Environment.GetEnvironmentVariable("RMQ_SOAK_TOPICS"), out int n) && n > 0 ? n : 1_000;
        int bound = int.TryParse(Environment.GetEnvironmentVariable("RMQ_SOAK_BOUND"), out int b) && b > 0 ? b : Bound;
        var options = TestStore.SmallOptions();
        options.MaxMappedConsumeQueueFiles = bound;
        await using var test = await TestStore.OpenAsync(options);
        int mapsBefore = ProcessMaps();
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < topics; i++)
        {
            await test.PutOkAsync(TestStore.Message($"auto-{i}", 0, $"m{i}"));

            if (i > 0 && i % 10_000 == 0)
            {
                output.WriteLine($"{i} topics: {ProcessMaps()} maps, {test.Store.MappedConsumeQueueFiles} consume-queue files mapped, {clock.Elapsed.TotalSeconds:0.0} s");
            }
        }

        await test.Store.WaitForDispatchAsync();
        int mapsAfter = ProcessMaps();
        output.WriteLine($"{topics} topics (bound {bound}): /proc/self/maps {mapsBefore} -> {mapsAfter} lines, " +
            $"{test.Store.MappedConsumeQueueFiles} consume-queue files mapped, {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.InRange(test.Store.MappedConsumeQueueFiles, 1, bound);
        // The process's own maps grow by the bound at most, plus what the runtime maps meanwhile (heap, JIT, threads).
        Assert.True(mapsAfter - mapsBefore < bound + 500,
            $"{topics} topics grew /proc/self/maps from {mapsBefore} to {mapsAfter} lines");

        // Every queue is still readable: evicted files are mapped again on demand.
        for (int i = 0; i < topics; i += Math.Max(1, topics / 500))
        {
            using var got = await test.Store.GetMessageAsync("g", $"auto-{i}", 0, 0, 4);
            Assert.Equal([$"m{i}"], got.Messages.Select(TestStore.BodyOf));
        }

        Assert.InRange(test.Store.MappedConsumeQueueFiles, 1, bound);
    }

    [Fact]
    public async Task Queues_survive_eviction_while_they_are_written_and_read()
    {
        var options = TestStore.SmallOptions();
        options.MaxMappedConsumeQueueFiles = 16;
        await using var test = await TestStore.OpenAsync(options);
        const int queues = 48;
        const int rounds = 20;
        for (int round = 0; round < rounds; round++)
        {
            for (int q = 0; q < queues; q++)
            {
                await test.PutOkAsync(TestStore.Message($"T{q % 6}", q / 6, $"{round}"));
            }
        }

        await test.Store.WaitForDispatchAsync();
        await test.ReopenAsync();
        for (int q = 0; q < queues; q++)
        {
            using var got = await test.Store.GetMessageAsync("g", $"T{q % 6}", q / 6, 0, 64);
            Assert.Equal(Enumerable.Range(0, rounds).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)), got.Messages.Select(TestStore.BodyOf));
        }

        Assert.InRange(test.Store.MappedConsumeQueueFiles, 1, 16);
    }

    private static int ProcessMaps() => File.ReadLines("/proc/self/maps").Count();
}
