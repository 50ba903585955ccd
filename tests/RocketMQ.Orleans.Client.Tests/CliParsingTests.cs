using RocketMQ.Orleans.Cli;
using RocketMQ.Orleans.Cli.Bench;
using RocketMQ.Orleans.Cli.Commands;

namespace RocketMQ.Orleans.Client.Tests;

public sealed class CliParsingTests
{
    [Fact]
    public void Bench_produce_defaults_match_the_benchmark_brief()
    {
        var parse = RmqCommandLine.Build().Parse("bench produce");

        Assert.Empty(parse.Errors);
        var settings = BenchCommands.BindProduce(parse);
        Assert.Equal(new ProduceBenchSettings("127.0.0.1:9876", "BenchTopic", 16, 1024, TimeSpan.FromSeconds(30), 8, false, false), settings);
    }

    [Fact]
    public void Bench_produce_reads_every_option_and_the_global_name_server_anywhere()
    {
        var parse = RmqCommandLine.Build().Parse("bench produce --threads 4 -s 512 -d 2m -t T1 --queues 2 --binary-headers --json -n 10.0.0.1:9876;10.0.0.2:9876");

        Assert.Empty(parse.Errors);
        var settings = BenchCommands.BindProduce(parse);
        Assert.Equal(new ProduceBenchSettings("10.0.0.1:9876;10.0.0.2:9876", "T1", 4, 512, TimeSpan.FromMinutes(2), 2, true, true), settings);
    }

    [Fact]
    public void Bench_consume_binds_group_duration_and_start()
    {
        var parse = RmqCommandLine.Build().Parse("-n 1.2.3.4:9876 bench consume -g G -t T --duration 500ms --from-first");

        Assert.Empty(parse.Errors);
        Assert.Equal(new ConsumeBenchSettings("1.2.3.4:9876", "T", "G", TimeSpan.FromMilliseconds(500), true, false), BenchCommands.BindConsume(parse));
    }

    [Theory]
    [InlineData("bench produce --duration soon")]
    [InlineData("bench produce --threads 0")]
    [InlineData("topic create")]
    [InlineData("consumer progress")]
    [InlineData("message key -t T")]
    [InlineData("nonsense")]
    public void Invalid_command_lines_are_reported(string commandLine) =>
        Assert.NotEmpty(RmqCommandLine.Build().Parse(commandLine).Errors);

    [Fact]
    public void Topic_create_binds_a_topic_config()
    {
        var parse = RmqCommandLine.Build().Parse("topic create -t Orders -r 4 -w 2 -p 4 --order -c C1");

        Assert.Empty(parse.Errors);
        var config = TopicCommands.BindTopicConfig(parse);
        Assert.Equal(("Orders", 4, 2, 4, true), (config.TopicName, config.ReadQueueNums, config.WriteQueueNums, config.Perm, config.Order));
        Assert.Equal("C1", parse.GetValue(TopicCommands.CreateCluster));
    }

    [Fact]
    public void Topic_create_binds_rocketmq_5_attribute_changes_under_their_signed_names()
    {
        var parse = RmqCommandLine.Build().Parse("topic create -t Orders -a +message.type=FIFO,-other");

        Assert.Empty(parse.Errors);
        var config = TopicCommands.BindTopicConfig(parse);
        Assert.Equal(new Dictionary<string, string> { ["+message.type"] = "FIFO", ["-other"] = "" }, config.Attributes);
    }

    [Fact]
    public void Group_create_binds_a_subscription_group_config()
    {
        var parse = RmqCommandLine.Build().Parse("group create -g G1 --retry-max-times 3 --disable");

        Assert.Empty(parse.Errors);
        var config = GroupCommands.BindConfig(parse);
        Assert.Equal(("G1", 3, false, true), (config.GroupName, config.RetryMaxTimes, config.ConsumeEnable, config.ConsumeBroadcastEnable));
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5", 1_500)]
    [InlineData("1h", 3_600_000)]
    public void Durations_parse(string text, double expectedMillis)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(expectedMillis, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-3s")]
    [InlineData("fast")]
    public void Bad_durations_do_not_parse(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
