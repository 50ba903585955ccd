namespace RocketMQ.Orleans.Filter.Tests;

/// <summary>The cases of Apache RocketMQ 4.9.8 filter/src/test/…/ParserTest.java.</summary>
public sealed class ApacheParserTests
{
    [Theory]
    [InlineData("a=3 and b<>4 And c>5 AND d<=4")]
    [InlineData("a=3 or b<>4 Or c>5 OR d<=4")]
    [InlineData("a in ('3', '4', '5')")]
    [InlineData("(a not in ('6', '4', '5')) or (b in ('3', '4', '5'))")]
    [InlineData("(a between 2 and 10) AND (b not between 6 and 9)")]
    [InlineData("a is null")]
    [InlineData("a is not null")]
    [InlineData("a <= now")]
    public void Valid_expressions_compile(string expression) => Assert.NotNull(Sql92Filter.Compile(expression));

    [Fact]
    public void Between_without_a_left_operand_is_invalid() =>
        Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile("a and between 2 and 10"));

    [Fact]
    public void A_decimal_beyond_long_is_invalid() =>
        Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile("a > 100000000000000000000000"));

    [Fact]
    public void A_float_beyond_double_is_invalid()
    {
        string ones = string.Concat(Enumerable.Repeat("111111111111111111111111111111111111111111111111111", 2048));
        // Longer than the default length limit: raised so that the float's range is what refuses it, as in Apache.
        var limits = new Sql92FilterLimits(maxExpressionLength: 1 << 20);
        var e = Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile("a > 1" + ones + "." + ones, limits));
        Assert.Contains("is greater than 1.7976931348623157E308", e.Message);
    }

    [Fact]
    public void Between_bounds_in_the_wrong_order_are_invalid()
    {
        var e = Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(" a between 10 and 0"));
        Assert.Contains("must less than or equal to right value", e.Message);
    }

    [Fact]
    public void Blanks_do_not_change_the_expression()
    {
        var props = Props.Of(("a", "3"), ("b", "5"), ("c", "6"), ("d", "1"));
        Assert.Equal(
            Sql92Filter.Compile("a=3 and b<>4 And c>5 AND d<=4").Evaluate(props),
            Sql92Filter.Compile("a=3  and    b<>4 And c>5 AND d<=4").Evaluate(props));
    }
}
