namespace RocketMQ.Orleans.Filter.Tests;

/// <summary>Evaluating a compiled filter allocates nothing, whatever path the evaluation takes.</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData("a BETWEEN 3 AND 7 AND color = 'red'")]
    [InlineData("color IN ('red', 'green', 'blue', 'cyan', 'magenta') OR TAGS = 'TagA'")]
    [InlineData("price > 9.99 AND price <= 1E3 AND missing IS NULL")]
    [InlineData("a > b OR NOT (color <> 'red')")]
    [InlineData("big > 2147483648 AND flag = TRUE")]
    [InlineData("color > 5 OR a = 'x'")]
    public void Evaluation_does_not_allocate(string expression)
    {
        var filter = Sql92Filter.Compile(expression);
        byte[][] messages =
        [
            Props.Of(("TAGS", "TagA"), ("a", "5"), ("b", "2"), ("color", "red"), ("price", "10.5"), ("big", "3000000000"), ("flag", "true")),
            Props.Of(("TAGS", "TagB"), ("a", "9"), ("color", "blue"), ("price", "x")),
            Props.Of(("other", "1")),
            [],
        ];
        int matched = 0;
        foreach (var message in messages)
        {
            matched += filter.Matches(message) ? 1 : 0;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            foreach (var message in messages)
            {
                matched += filter.Matches(message) ? 1 : 0;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(matched >= 0);
    }
}
