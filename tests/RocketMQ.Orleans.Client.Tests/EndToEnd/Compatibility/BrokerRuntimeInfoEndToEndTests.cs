using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd.Compatibility;

/// <summary>GET_BROKER_RUNTIME_INFO over TCP: every key Apache 4.9 returns, in the formats mqadmin parses.</summary>
public sealed class BrokerRuntimeInfoEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    /// <summary>The keys of Apache 4.9.8 AdminBrokerProcessor.prepareRuntimeInfo and StoreStatsService.getRuntimeInfo.</summary>
    private static readonly string[] ApacheKeys =
    [
        "bootTimestamp", "runtime", "putMessageEntireTimeMax", "putMessageTimesTotal", "putMessageFailedTimes", "putMessageSizeTotal",
        "putMessageDistributeTime", "putMessageAverageSize", "dispatchMaxBuffer", "getMessageEntireTimeMax", "putTps", "getFoundTps",
        "getMissTps", "getTotalTps", "getTransferedTps", "putLatency99", "putLatency999", "commitLogDiskRatio", "consumeQueueDiskRatio",
        "commitLogMinOffset", "commitLogMaxOffset", "brokerVersionDesc", "brokerVersion", "msgPutTotalYesterdayMorning",
        "msgPutTotalTodayMorning", "msgPutTotalTodayNow", "msgGetTotalYesterdayMorning", "msgGetTotalTodayMorning", "msgGetTotalTodayNow",
        "sendThreadPoolQueueSize", "sendThreadPoolQueueCapacity", "pullThreadPoolQueueSize", "pullThreadPoolQueueCapacity",
        "queryThreadPoolQueueSize", "queryThreadPoolQueueCapacity", "EndTransactionQueueSize", "EndTransactionThreadPoolQueueCapacity",
        "dispatchBehindBytes", "pageCacheLockTimeMills", "sendThreadPoolQueueHeadWaitTimeMills", "pullThreadPoolQueueHeadWaitTimeMills",
        "queryThreadPoolQueueHeadWaitTimeMills", "earliestMessageTimeStamp", "startAcceptSendRequestTimeStamp",
        "remainTransientStoreBufferNumbs", "remainHowManyDataToFlush", "commitLogDirCapacity",
    ];

    [Fact]
    public async Task Runtime_info_has_every_Apache_key_in_the_formats_mqadmin_clusterList_parses()
    {
        await using var admin = new RocketMQAdmin(silo.ClientOptions());
        await admin.CreateTopicAsync(new TopicConfig { TopicName = "RuntimeInfoTopic", ReadQueueNums = 1, WriteQueueNums = 1 });
        await using (var producer = new RocketMQProducer(silo.ClientOptions(), new ProducerOptions { ProducerGroup = "RuntimeInfoProducer" }))
        {
            await producer.SendAsync(new Message("RuntimeInfoTopic", Encoding.UTF8.GetBytes("one")));
        }

        var (_, address) = Assert.Single(await admin.GetMasterBrokersAsync());
        var table = await admin.GetBrokerRuntimeStatsAsync(address);

        Assert.DoesNotContain(ApacheKeys, key => !table.ContainsKey(key));
        // clusterList: "putTps".split(" ")[0] and "getTransferedTps".split(" ")[0] parse as doubles.
        foreach (var key in new[] { "putTps", "getTransferedTps", "getFoundTps", "getMissTps", "getTotalTps" })
        {
            var parts = table[key].Split(' ');
            Assert.Equal(3, parts.Length);
            Assert.All(parts, part => double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        // clusterList -m parses these as longs; brokerStatus and the console read the rest as numbers too.
        foreach (var key in new[]
        {
            "msgPutTotalYesterdayMorning", "msgPutTotalTodayMorning", "msgPutTotalTodayNow", "msgGetTotalYesterdayMorning",
            "msgGetTotalTodayMorning", "msgGetTotalTodayNow", "earliestMessageTimeStamp", "sendThreadPoolQueueSize",
            "pullThreadPoolQueueHeadWaitTimeMills", "pageCacheLockTimeMills", "bootTimestamp", "putMessageTimesTotal",
        })
        {
            Assert.True(long.TryParse(table[key], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), $"{key}={table[key]} is a long");
        }

        Assert.True(long.Parse(table["msgPutTotalTodayNow"], CultureInfo.InvariantCulture) >= 1);
        Assert.True(long.Parse(table["sendThreadPoolQueueCapacity"], CultureInfo.InvariantCulture) > 0);
        var earliest = long.Parse(table["earliestMessageTimeStamp"], CultureInfo.InvariantCulture);
        Assert.InRange(earliest, 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var diskRatio = double.Parse(table["commitLogDiskRatio"], CultureInfo.InvariantCulture);
        Assert.InRange(diskRatio, 0.0, 1.0);
        Assert.Contains('.', table["putMessageAverageSize"]);
        Assert.Matches(@"^\d+\.\d\d$", table["putLatency99"]);
        Assert.Matches(@"^\[ \d+ days, \d+ hours, \d+ minutes, \d+ seconds \]$", table["runtime"]);
        Assert.StartsWith("[<=0ms]:", table["putMessageDistributeTime"], StringComparison.Ordinal);
        Assert.Matches(@"^Total : .+, Free : .+\.$", table["commitLogDirCapacity"]);
        Assert.Equal("V4_9_8", table["brokerVersionDesc"]);
    }
}
