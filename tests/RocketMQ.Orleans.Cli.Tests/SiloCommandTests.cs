using System.Text.Json;
using RocketMQ.Orleans.Cli.Output;

namespace RocketMQ.Orleans.Cli.Tests;

/// <summary>The mqadmin-named commands against an in-process silo, read back through their <c>--json</c> output.</summary>
public sealed class SiloCommandTests(CliSiloFixture silo) : IClassFixture<CliSiloFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task UpdateTopic_then_topicList_topicRoute_and_topicStatus_show_it()
    {
        Assert.Equal(0, (await Rmq.InvokeAsync("updateTopic", "-t", "CliListed", "-r", "3", "-w", "3", "-n", silo.NameServer)).ExitCode);

        var topics = (await Rmq.InvokeAsync("topicList", "--json", "-n", silo.NameServer)).Json();
        Assert.Contains("CliListed", topics.EnumerateArray().Select(topic => topic.GetString()));

        var route = (await Rmq.InvokeAsync("topicRoute", "-t", "CliListed", "--json", "-n", silo.NameServer)).Json();
        var queues = Assert.Single(route.GetProperty("queueDatas").EnumerateArray());
        Assert.Equal(("broker-cli", 3), (queues.GetProperty("brokerName").GetString(), queues.GetProperty("writeQueueNums").GetInt32()));

        var status = (await Rmq.InvokeAsync("topicStatus", "-t", "CliListed", "--json", "-n", silo.NameServer)).Json();
        Assert.Equal([0, 1, 2], status.EnumerateArray().Select(queue => queue.GetProperty("queueId").GetInt32()).Order());

        var table = await Rmq.InvokeAsync("topicList", "-n", silo.NameServer);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("CliListed", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterList_json_names_the_broker()
    {
        var brokers = (await Rmq.InvokeAsync("clusterList", "--json", "-n", silo.NameServer)).Json();

        var broker = Assert.Single(brokers.EnumerateArray());
        Assert.Equal(("DefaultCluster", "broker-cli", 0L), (broker.GetProperty("cluster").GetString(), broker.GetProperty("brokerName").GetString(), broker.GetProperty("brokerId").GetInt64()));
    }

    [Fact]
    public async Task A_sent_message_is_found_by_key_and_by_id()
    {
        Assert.Equal(0, (await Rmq.InvokeAsync("updateTopic", "-t", "CliLookup", "-r", "1", "-w", "1", "-n", silo.NameServer)).ExitCode);
        var sent = (await Rmq.InvokeAsync("message", "send", "-t", "CliLookup", "-b", "hello cli", "-k", "order-7", "--tags", "TagA", "--json", "-n", silo.NameServer)).Json();
        string offsetMsgId = sent.GetProperty("offsetMsgId").GetString()!;

        JsonElement found = default;
        await Eventually.HoldsAsync(async () =>
        {
            found = (await Rmq.InvokeAsync("queryMsgByKey", "-t", "CliLookup", "-k", "order-7", "--json", "-n", silo.NameServer)).Json();
            return found.GetArrayLength() == 1;
        }, Patience, "the key index to list the message");
        Assert.Equal(("order-7", "TagA"), (found[0].GetProperty("keys").GetString(), found[0].GetProperty("tags").GetString()));

        var byId = (await Rmq.InvokeAsync("queryMsgById", "-i", offsetMsgId, "--json", "-n", silo.NameServer)).Json();
        Assert.Equal(("CliLookup", "hello cli", offsetMsgId), (byId.GetProperty("topic").GetString(), byId.GetProperty("body").GetString(), byId.GetProperty("msgId").GetString()));
    }

    [Fact]
    public async Task Unknown_topics_and_messages_exit_with_3()
    {
        var route = await Rmq.InvokeAsync("topicRoute", "-t", "CliNoSuchTopic", "-n", silo.NameServer);
        var status = await Rmq.InvokeAsync("topicStatus", "-t", "CliNoSuchTopic", "--json", "-n", silo.NameServer);
        var delete = await Rmq.InvokeAsync("deleteTopic", "-t", "CliNoSuchTopic", "-n", silo.NameServer);
        var connection = await Rmq.InvokeAsync("consumerConnection", "-g", "CliNobodyHome", "-n", silo.NameServer);
        var byKey = await Rmq.InvokeAsync("queryMsgByKey", "-t", "CliNoSuchTopic", "-k", "k", "-n", silo.NameServer);
        var reset = await Rmq.InvokeAsync("resetOffsetByTime", "-g", "G", "-t", "CliNoSuchTopic", "-s", "now", "-n", silo.NameServer);
        var byId = await Rmq.InvokeAsync("queryMsgById", "-i", "not-an-offset-id", "-n", silo.NameServer);

        Assert.Equal(Enumerable.Repeat(ExitCodes.NotFound, 7),
            [route.ExitCode, status.ExitCode, delete.ExitCode, connection.ExitCode, byKey.ExitCode, reset.ExitCode, byId.ExitCode]);
        Assert.Contains("give --topic", byId.Error, StringComparison.Ordinal);
        Assert.Contains("CliNoSuchTopic", route.Error, StringComparison.Ordinal);
        Assert.Contains("CliNobodyHome is not online", connection.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteTopic_removes_it_from_the_name_server()
    {
        Assert.Equal(0, (await Rmq.InvokeAsync("updateTopic", "-t", "CliDoomed", "-n", silo.NameServer)).ExitCode);

        var delete = await Rmq.InvokeAsync("deleteTopic", "-t", "CliDoomed", "-n", silo.NameServer);

        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("delete topic [CliDoomed] from NameServer success.", delete.Out, StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () =>
            !(await Rmq.InvokeAsync("topicList", "--json", "-n", silo.NameServer)).Json().EnumerateArray().Any(topic => topic.GetString() == "CliDoomed"),
            Patience, "the topic to leave the topic list");
        Assert.Equal(ExitCodes.NotFound, (await Rmq.InvokeAsync("topicRoute", "-t", "CliDoomed", "-n", silo.NameServer)).ExitCode);
    }

    [Fact]
    public async Task ConsumerProgress_json_reports_the_group_and_its_total_diff()
    {
        var progress = (await Rmq.InvokeAsync("consumerProgress", "-g", "CliIdleGroup", "--json", "-n", silo.NameServer)).Json();

        Assert.Equal("CliIdleGroup", progress.GetProperty("group").GetString());
        Assert.Equal(0, progress.GetProperty("diffTotal").GetInt64());
        Assert.Equal(JsonValueKind.Array, progress.GetProperty("queues").ValueKind);
    }

    [Fact]
    public async Task ResetOffsetByTime_rewinds_the_group_to_the_start()
    {
        Assert.Equal(0, (await Rmq.InvokeAsync("updateTopic", "-t", "CliRewind", "-r", "1", "-w", "1", "-n", silo.NameServer)).ExitCode);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0, (await Rmq.InvokeAsync("message", "send", "-t", "CliRewind", "-b", $"m{i}", "-n", silo.NameServer)).ExitCode);
        }

        var options = new Client.RocketMQClientOptions { NameServerAddress = silo.NameServer, ClientIp = "127.0.0.1" };
        await using (var consumer = new Client.Consumer.RocketMQPullConsumer(options, new Client.Consumer.PullConsumerOptions { ConsumerGroup = "CliRewinder" }))
        {
            var queue = Assert.Single(await consumer.FetchSubscribeQueuesAsync("CliRewind"));
            await consumer.CommitOffsetAsync(queue, 3);
        }

        var reset = (await Rmq.InvokeAsync("resetOffsetByTime", "-g", "CliRewinder", "-t", "CliRewind", "-s", "0", "--json", "-n", silo.NameServer)).Json();

        var queueReset = Assert.Single(reset.EnumerateArray());
        Assert.Equal(0, queueReset.GetProperty("offset").GetInt64());
        var progress = (await Rmq.InvokeAsync("consumerProgress", "-g", "CliRewinder", "-t", "CliRewind", "--json", "-n", silo.NameServer)).Json();
        var queueProgress = Assert.Single(progress.GetProperty("queues").EnumerateArray());
        Assert.Equal((3L, 0L, 3L), (queueProgress.GetProperty("brokerOffset").GetInt64(), queueProgress.GetProperty("consumerOffset").GetInt64(), progress.GetProperty("diffTotal").GetInt64()));
    }

    [Theory]
    [InlineData(false, "network-thread")]
    [InlineData(true, "thread-pool")]
    public async Task Bench_produce_stores_every_message_it_counts_in_either_completion_mode(bool threadPool, string completions)
    {
        string topic = "CliBench" + (threadPool ? "Pool" : "Loop");
        string[] args = ["bench", "produce", "-t", topic, "--threads", "4", "--size", "64", "--duration", "1s", "--queues", "1", "--json", "-n", silo.NameServer];
        var result = (await Rmq.InvokeAsync(threadPool ? [.. args, "--thread-pool-completions"] : args)).Json();

        long messages = result.GetProperty("messages").GetInt64();
        Assert.True(messages > 0, "the bench sent nothing");
        Assert.Equal((0L, completions), (result.GetProperty("failures").GetInt64(), result.GetProperty("completions").GetString()));

        // Every counted send was acknowledged: the queue holds them all, plus the one warm-up send (the consume queue
        // follows the acknowledgement by a dispatch, so wait for it), and no more.
        long maxOffset = 0;
        await Eventually.HoldsAsync(async () =>
        {
            var status = (await Rmq.InvokeAsync("topicStatus", "-t", topic, "--json", "-n", silo.NameServer)).Json();
            maxOffset = Assert.Single(status.EnumerateArray()).GetProperty("maxOffset").GetInt64();
            return maxOffset >= messages + 1;
        }, Patience, "the queue to hold every sent message");
        Assert.Equal(messages + 1, maxOffset);
    }

    [Fact]
    public async Task Bench_produce_warm_up_sends_are_not_counted_and_cpu_per_message_covers_the_measured_window()
    {
        string[] args = ["bench", "produce", "-t", "CliBenchWarm", "--threads", "2", "--size", "64", "--warmup", "1s", "--duration", "1s", "--queues", "1",
            "--watch-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", "-n", silo.NameServer];
        var result = (await Rmq.InvokeAsync(args)).Json();

        long messages = result.GetProperty("messages").GetInt64();
        Assert.True(messages > 0, "the bench sent nothing");
        Assert.True(result.GetProperty("driverCpuMicrosPerMessage").GetDouble() > 0, "no driver CPU reported");
        Assert.True(result.GetProperty("watchedCpuMicrosPerMessage").GetDouble() > 0, "no watched-process CPU reported");

        // The warm-up second sent too, into the same queue, but only the measured window's sends are counted.
        await Eventually.HoldsAsync(async () =>
        {
            var status = (await Rmq.InvokeAsync("topicStatus", "-t", "CliBenchWarm", "--json", "-n", silo.NameServer)).Json();
            return Assert.Single(status.EnumerateArray()).GetProperty("maxOffset").GetInt64() > messages + 1;
        }, Patience, "the queue to hold the warm-up sends beside the counted ones");
    }
}
