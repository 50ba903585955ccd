using RocketMQ.Orleans.Client.Producer;

namespace RocketMQ.Orleans.Metrics.Tests;

/// <summary>A message sent with a delay level waits in its level's queue, and the delay-backlog gauge counts it.</summary>
public sealed class DelayBacklogTests(MetricsSiloFixture silo) : IClassFixture<MetricsSiloFixture>
{
    [Fact]
    public async Task A_delayed_message_shows_in_the_delay_backlog_until_it_is_due()
    {
        var options = silo.ClientOptions();
        await MetricsTraffic.CreateTopicAsync(options, "DelayedTopic", queues: 1);
        Assert.Equal(0, (await silo.ScrapeAsync()).Sum("rocketmq_delay_backlog", ("broker", silo.BrokerName)));

        await using (var producer = new RocketMQProducer(options))
        {
            // Level 5 is one minute with the default levels: still pending when the test ends.
            var result = await producer.SendAsync(new Message("DelayedTopic", new byte[16]) { DelayTimeLevel = 5 });
            Assert.Equal(SendStatus.SendOk, result.Status);
        }

        string series = string.Empty;
        await Eventually.HoldsAsync(async () =>
        {
            var scrape = await silo.ScrapeAsync();
            series = string.Join(" | ", scrape.Text.Split('\n').Where(line => line.StartsWith("rocketmq_delay_backlog", StringComparison.Ordinal)));
            return scrape.Sum("rocketmq_delay_backlog", ("broker", silo.BrokerName)) == 1;
        }, TimeSpan.FromSeconds(20), () => $"delay backlog of {silo.BrokerName} is not 1: {series}");
    }
}
