namespace RocketMQ.Orleans.Filter.Tests;

/// <summary>
/// The cases of Apache RocketMQ 4.9.8 filter/src/test/…/ExpressionTest.java with string property values (what a
/// broker sees). Apache asserts "true" or "not true"; an evaluation that throws counts as not true there and is
/// <see cref="FilterOutcome.Error"/> here.
/// </summary>
public sealed class ApacheExpressionTests
{
    private const string And = "a=3 and b<>4 And c>5 AND d<=4";
    private const string Or = "a=3 or b<>4 Or c>5 OR d<=4";

    [Fact]
    public void String_literal_with_doubled_quotes() =>
        Assert.Equal(FilterOutcome.True, Props.Eval("TAGS is not null and TAGS='''''tag'''''", ("TAGS", "''tag''")));

    [Fact]
    public void Strings_that_are_not_numbers_cannot_be_ordered()
    {
        Assert.Equal(FilterOutcome.Unknown, Props.Eval("a between up and low", ("a", "3.14")));
        Assert.Equal(FilterOutcome.Error, Props.Eval("a between up and low", ("a", "3.14"), ("up", "up"), ("low", "low")));
        Assert.Equal(FilterOutcome.Error, Props.Eval("key is not null and key between 0 and 100", ("key", "con")));
        Assert.Equal(FilterOutcome.Error, Props.Eval("a between 0 and 100", ("a", "abc")));
        Assert.Equal(FilterOutcome.True, Props.Eval("a=b", ("a", "3.14"), ("b", "3.14")));
        Assert.Equal(FilterOutcome.False, Props.Eval("a<>b", ("a", "3.14"), ("b", "3.14")));
        Assert.Equal(FilterOutcome.True, Props.Eval("a<>b", ("a", "3.14"), ("b", "3.141")));
    }

    [Fact]
    public void Exponent_literal() => Assert.Equal(FilterOutcome.True, Props.Eval("a > 3.1E10", ("a", "3.1415E10")));

    [Fact]
    public void Float_literal() => Assert.Equal(FilterOutcome.True, Props.Eval("a > 3.14", ("a", "3.1415")));

    [Fact]
    public void Two_properties_compare_as_numbers()
    {
        Assert.Equal(FilterOutcome.False, Props.Eval("a > b", ("a", "10"), ("b", "20")));
        Assert.Equal(FilterOutcome.True, Props.Eval("a > b", ("b", "10"), ("a", "20")));
    }

    [Fact]
    public void Null_or()
    {
        Assert.Equal(FilterOutcome.True, Props.Eval("a is null OR a='hello'"));
        Assert.Equal(FilterOutcome.True, Props.Eval("a is null OR a='hello'", ("a", "hello")));
        Assert.Equal(FilterOutcome.False, Props.Eval("a is null OR a='hello'", ("a", "abc")));
    }

    [Fact]
    public void Booleans()
    {
        Assert.Equal(FilterOutcome.True, Props.Eval("a=TRUE OR b=FALSE", ("a", "true"), ("b", "false")));
        Assert.Equal(FilterOutcome.False, Props.Eval("a=TRUE OR b=FALSE", ("a", "false"), ("b", "true")));
    }

    [Fact]
    public void Equal_after_is_not_null()
    {
        Assert.Equal(FilterOutcome.True, Props.Eval("a is not null and a='hello'", ("a", "hello")));
        Assert.Equal(FilterOutcome.False, Props.Eval("a is not null and a='hello'"));
    }

    [Fact]
    public void And_true_and_false()
    {
        Assert.Equal(FilterOutcome.True, Props.Eval(And, ("a", "3"), ("b", "5"), ("c", "6"), ("d", "1")));
        Assert.Equal(FilterOutcome.False, Props.Eval(And, ("a", "4"), ("b", "5"), ("c", "6"), ("d", "1")));
    }

    [Fact]
    public void Or_true_and_false()
    {
        Assert.Equal(FilterOutcome.True, Props.Eval(Or, ("a", "3")));
        Assert.Equal(FilterOutcome.True, Props.Eval(Or, ("a", "4"), ("b", "5")));
        Assert.Equal(FilterOutcome.True, Props.Eval(Or, ("a", "4"), ("b", "4"), ("c", "6")));
        Assert.Equal(FilterOutcome.True, Props.Eval(Or, ("a", "4"), ("b", "4"), ("c", "3"), ("d", "2")));
        Assert.Equal(FilterOutcome.False, Props.Eval(Or, ("a", "4"), ("b", "4"), ("c", "3"), ("d", "10")));
    }

    [Theory]
    [InlineData("3", FilterOutcome.True)]
    [InlineData("4", FilterOutcome.True)]
    [InlineData("5", FilterOutcome.True)]
    [InlineData("8", FilterOutcome.False)]
    public void In(string a, FilterOutcome expected) => Assert.Equal(expected, Props.Eval("a in ('3', '4', '5')", ("a", a)));

    [Theory]
    [InlineData("8", FilterOutcome.True)]
    [InlineData("3", FilterOutcome.False)]
    [InlineData("4", FilterOutcome.False)]
    [InlineData("5", FilterOutcome.False)]
    public void Not_in(string a, FilterOutcome expected) => Assert.Equal(expected, Props.Eval("a not in ('3', '4', '5')", ("a", a)));

    [Theory]
    [InlineData("2", FilterOutcome.True)]
    [InlineData("10", FilterOutcome.True)]
    [InlineData("3", FilterOutcome.True)]
    [InlineData("1", FilterOutcome.False)]
    [InlineData("11", FilterOutcome.False)]
    public void Between(string a, FilterOutcome expected) => Assert.Equal(expected, Props.Eval("a between 2 and 10", ("a", a)));

    [Theory]
    [InlineData("1", FilterOutcome.True)]
    [InlineData("11", FilterOutcome.True)]
    [InlineData("2", FilterOutcome.False)]
    [InlineData("10", FilterOutcome.False)]
    [InlineData("3", FilterOutcome.False)]
    public void Not_between(string a, FilterOutcome expected) => Assert.Equal(expected, Props.Eval("a not between 2 and 10", ("a", a)));

    [Fact]
    public void Is_null_and_is_not_null()
    {
        Assert.Equal(FilterOutcome.True, Props.Eval("a is null", ("abc", "2")));
        Assert.Equal(FilterOutcome.False, Props.Eval("a is null", ("a", "2")));
        Assert.Equal(FilterOutcome.True, Props.Eval("a is not null", ("a", "2")));
        Assert.Equal(FilterOutcome.False, Props.Eval("a is not null", ("abc", "2")));
    }
}
