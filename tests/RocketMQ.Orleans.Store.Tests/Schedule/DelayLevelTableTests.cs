using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Store.Tests.Schedule;

public sealed class DelayLevelTableTests
{
    [Fact]
    public void Default_has_apaches_eighteen_levels()
    {
        var table = DelayLevelTable.Parse(DelayLevelTable.Default);
        Assert.Equal(18, table.MaxLevel);
        Assert.Equal(1000, table.DelayMs(1));
        Assert.Equal(10_000, table.DelayMs(3));
        Assert.Equal(60_000, table.DelayMs(5));
        Assert.Equal(7_200_000, table.DelayMs(18));
    }

    [Fact]
    public void Days_and_milliseconds_parse()
    {
        var table = DelayLevelTable.Parse("250ms 2d");
        Assert.Equal(250, table.DelayMs(1));
        Assert.Equal(2 * 86_400_000L, table.DelayMs(2));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1s 5x")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("0s")]
    public void Bad_levels_are_refused_by_the_options_validator(string levels)
    {
        var options = new MessageStoreOptions { MessageDelayLevel = levels };
        var result = new MessageStoreOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
    }
}
