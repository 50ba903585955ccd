namespace RocketMQ.Orleans.Metrics.Tests;

/// <summary>
/// The Grafana dashboards query only metrics the silo exports: after real traffic, every metric name any dashboard
/// expression references is on /metrics.
/// </summary>
public sealed class DashboardMetricsTests(MetricsSiloFixture silo) : IClassFixture<MetricsSiloFixture>
{
    [Fact]
    public async Task Every_metric_a_dashboard_references_is_exported()
    {
        var options = silo.ClientOptions();
        await MetricsTraffic.CreateTopicAsync(options, "DashboardTopic", queues: 2);
        await MetricsTraffic.SendAsync(options, "DashboardTopic", count: 10, bodySize: 64);
        await MetricsTraffic.PullAndCommitAsync(options, "DashboardTopic", "DashboardGroup", next => next);
        await MetricsTraffic.LongPollAsync(options, "DashboardTopic", "DashboardGroup");

        Assert.NotEmpty(DashboardFiles.Paths);
        var referenced = DashboardFiles.Paths.ToDictionary(path => Path.GetFileName(path), DashboardFiles.ReferencedMetrics);
        Assert.All(referenced, dashboard => Assert.True(dashboard.Value.Count >= 10, $"{dashboard.Key} references only {dashboard.Value.Count} metrics"));

        // Observable instruments are read at scrape time, and the commit-log flush runs on its own interval: wait for both.
        IReadOnlyList<string> missing = [];
        await Eventually.HoldsAsync(async () =>
        {
            var exported = (await silo.ScrapeAsync()).MetricNames;
            missing = [.. referenced.SelectMany(dashboard => dashboard.Value.Where(name => !exported.Contains(name)).Select(name => $"{dashboard.Key}: {name}"))];
            return missing.Count == 0;
        }, TimeSpan.FromSeconds(20), () => "dashboard metrics not exported: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_exported_rocketmq_metric_is_prefixed_and_documented_with_help()
    {
        var scrape = await silo.ScrapeAsync();

        var rocketmq = scrape.MetricNames.Where(name => name.StartsWith("rocketmq_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rocketmq);
        foreach (var family in rocketmq.Select(name => System.Text.RegularExpressions.Regex.Replace(name, "_(bucket|sum|count)$", string.Empty)).Distinct())
        {
            Assert.Contains($"# HELP {family} ", scrape.Text, StringComparison.Ordinal);
        }
    }
}
