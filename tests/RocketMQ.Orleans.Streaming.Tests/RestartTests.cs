using RocketMQ.Orleans.Streaming.Tests.Grains;

namespace RocketMQ.Orleans.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class RestartTests(StreamingCluster fixture)
{
    [Fact]
    public async Task Restarting_the_silo_that_owns_a_queue_resumes_delivery_from_the_committed_offset_without_loss()
    {
        const int events = 120;
        EventSink.SetDelay(Topics.Restart, 10);
        var owner = fixture.Cluster.Silos.Single(s => s.Name == "Silo_1");
        var key = fixture.KeyOn(Topics.Restart, "broker-" + owner.Name, "restart-");
        await fixture.Cluster.Client.GetGrain<IProducerGrain>("restart-producer").ProduceAsync(Topics.Restart, key, 0, events);
        await Eventually.TrueAsync(() => EventSink.SeqsOf(Topics.Restart, key).Count >= 20, "delivery under way before the restart");

        // Stop mid-backlog: the rest of the events wait in the owner's log; the new silo reads its committed offset.
        await fixture.Cluster.RestartSiloAsync(owner);
        int deliveredAtRestart = EventSink.SeqsOf(Topics.Restart, key).Count;
        Assert.True(deliveredAtRestart < events, $"all {events} were delivered before the restart; the test proves nothing");

        await Eventually.HoldsAsync(() => Task.FromResult(EventSink.SeqsOf(Topics.Restart, key).Distinct().Count() >= events),
            TimeSpan.FromSeconds(40), () => $"{EventSink.SeqsOf(Topics.Restart, key).Distinct().Count()} of {events} distinct events delivered");
        var seqs = EventSink.SeqsOf(Topics.Restart, key);
        Assert.Equal(Enumerable.Range(0, events), seqs.Distinct().Order());
        // At-least-once: a redelivery replays a suffix in order; it never skips ahead.
        for (int i = 1; i < seqs.Count; i++)
            Assert.True(seqs[i] <= seqs[i - 1] + 1, $"event {seqs[i]} arrived right after {seqs[i - 1]}: a gap");
        await fixture.WaitForRoutesAsync(); // leave the cluster as the other tests expect it
    }
}
