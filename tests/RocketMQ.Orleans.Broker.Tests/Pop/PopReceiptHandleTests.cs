using RocketMQ.Orleans.Broker.Pop;

namespace RocketMQ.Orleans.Broker.Tests.Pop;

public sealed class PopReceiptHandleTests
{
    [Fact]
    public void Handle_encodes_in_apache_pop_ck_layout_and_parses_back()
    {
        var handle = new PopReceiptHandle(7, 1_700_000_000_123, 30_000, 0, Retry: true, "broker-a", 3, 7, 123_456);

        var text = handle.Encode();

        Assert.Equal("7 1700000000123 30000 0 1 broker-a 3 7 123456", text);
        Assert.True(PopReceiptHandle.TryParse(text, out var parsed));
        Assert.Equal(handle, parsed);
        Assert.Equal(1_700_000_030_123, parsed.Value.VisibleAt);
        Assert.Equal("%RETRY%G", parsed.Value.ResolveTopic("T", "G"));
    }

    [Fact]
    public void Handle_without_commit_log_offset_parses_as_apache_broker_extra_info()
    {
        Assert.True(PopReceiptHandle.TryParse("0 1 2 3 0 b 4 5", out var parsed));
        Assert.Equal(-1, parsed.Value.CommitLogOffset);
        Assert.False(parsed.Value.Retry);
        Assert.Equal("T", parsed.Value.ResolveTopic("T", "G"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("0 1 2 3 9 b 4 5 6")]
    [InlineData("0 1 -2 3 0 b 4 5 6")]
    [InlineData("0 1 2 3 0 b 4 5 6 7")]
    public void Malformed_handles_do_not_parse(string? text) => Assert.False(PopReceiptHandle.TryParse(text, out _));
}
