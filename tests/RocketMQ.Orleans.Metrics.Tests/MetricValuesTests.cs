namespace RocketMQ.Orleans.Metrics.Tests;

/// <summary>The exported figures follow the traffic: counts in and out, bytes, lag and latency samples.</summary>
public sealed class MetricValuesTests(MetricsSiloFixture silo) : IClassFixture<MetricsSiloFixture>
{
    private const string Topic = "ValuesTopic";
    private const string Group = "ValuesGroup";

    [Fact]
    public async Task Sends_pulls_and_commits_move_the_counters_and_the_lag()
    {
        var options = silo.ClientOptions();
        await MetricsTraffic.CreateTopicAsync(options, Topic, queues: 1);
        var before = await silo.ScrapeAsync();
        double putsBefore = before.Sum("rocketmq_put_latency_seconds_count");

        await MetricsTraffic.SendAsync(options, Topic, count: 7, bodySize: 100);
        // Everything pulled, but only 4 committed: 3 messages of lag.
        int pulled = await MetricsTraffic.PullAndCommitAsync(options, Topic, Group, next => next - 3);

        Assert.Equal(7, pulled);
        PrometheusText after = before;
        await Eventually.HoldsAsync(async () =>
        {
            after = await silo.ScrapeAsync();
            return after.Sum("rocketmq_consumer_lag", ("consumer_group", Group), ("topic", Topic)) == 3;
        }, TimeSpan.FromSeconds(20), () => "lag of " + Group + " is " + after.Sum("rocketmq_consumer_lag", ("consumer_group", Group), ("topic", Topic)));

        Assert.Equal(0, before.Sum("rocketmq_messages_in_total", ("topic", Topic)));
        Assert.Equal(7, after.Sum("rocketmq_messages_in_total", ("topic", Topic)));
        // Stored size: body plus the fixed layout, topic and properties: more than the bodies alone.
        Assert.InRange(after.Sum("rocketmq_throughput_in_bytes_total", ("topic", Topic)), 7 * 100 + 1, 7 * 1000);
        Assert.Equal(7, after.Sum("rocketmq_messages_out_total", ("topic", Topic), ("consumer_group", Group)));
        Assert.Equal(after.Sum("rocketmq_throughput_in_bytes_total", ("topic", Topic)),
            after.Sum("rocketmq_throughput_out_bytes_total", ("topic", Topic), ("consumer_group", Group)));
        Assert.True(after.Sum("rocketmq_put_latency_seconds_count") >= putsBefore + 7);
        Assert.True(after.Sum("rocketmq_pull_latency_seconds_count") >= 1);
        Assert.True(after.Sum("rocketmq_storage_size_bytes", ("broker", silo.BrokerName)) > 0);
        Assert.Equal(0, after.Sum("rocketmq_delay_backlog", ("broker", silo.BrokerName)));
        Assert.Contains("rocketmq_transaction_checks_total", after.MetricNames);
    }

    [Fact]
    public async Task An_open_client_connection_is_counted()
    {
        // A broker request (topic stats) keeps a connection to the broker port open until the admin is disposed.
        await using var admin = new Client.Admin.RocketMQAdmin(silo.ClientOptions());
        await MetricsTraffic.CreateTopicAsync(silo.ClientOptions(), "ConnectionsTopic", queues: 1);
        await admin.GetTopicStatsAsync("ConnectionsTopic");

        var scrape = await silo.ScrapeAsync();

        Assert.True(scrape.Sum("rocketmq_connections", ("broker", silo.BrokerName)) >= 1, scrape.Text);
    }
}
