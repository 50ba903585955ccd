using RocketMQ.Orleans.Cli.Output;

namespace RocketMQ.Orleans.Cli.Tests;

/// <summary>Failures end in one readable line on stderr and an exit code a script can branch on.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("clusterList")]
    [InlineData("topicList", "--json")]
    [InlineData("topicRoute", "-t", "T")]
    [InlineData("consumerProgress", "-g", "G")]
    public async Task An_unreachable_name_server_exits_with_4_and_says_so(params string[] args)
    {
        string address = $"127.0.0.1:{FreePorts.Next()}";

        var run = await Rmq.InvokeAsync([.. args, "-n", address]);

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains($"cannot reach the name server at {address}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("updateTopic")]
    [InlineData("nonsense")]
    [InlineData("resetOffsetByTime", "-g", "G", "-t", "T", "-s", "yesterday-ish")]
    [InlineData("bench", "produce", "--threads", "0")]
    public async Task A_bad_command_line_exits_with_2(params string[] args)
    {
        var run = await Rmq.InvokeAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.NotEqual(string.Empty, run.Error);
    }

    [Fact]
    public async Task A_bad_property_exits_with_2_before_any_connection()
    {
        var run = await Rmq.InvokeAsync("message", "send", "-t", "T", "-b", "x", "-p", "novalue", "-n", $"127.0.0.1:{FreePorts.Next()}");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'novalue' is not name=value.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1700000000123", 1700000000123L)]
    [InlineData("2024-05-06#07:08:09:010", -1L)]
    [InlineData("2024-05-06T07:08:09.010Z", 1714979289010L)]
    public void Timestamps_parse_in_mqadmin_and_iso_forms(string text, long expected)
    {
        Assert.True(Commands.TimestampParser.TryParse(text, TimeProvider.System, out long millis));
        long wanted = expected >= 0 ? expected : new DateTimeOffset(2024, 5, 6, 7, 8, 9, 10, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2024, 5, 6, 7, 8, 9))).ToUnixTimeMilliseconds();
        Assert.Equal(wanted, millis);
    }
}
