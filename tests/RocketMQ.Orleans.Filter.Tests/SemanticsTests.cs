namespace RocketMQ.Orleans.Filter.Tests;

/// <summary>Apache's evaluation rules: three-valued logic, conversions of property strings, Java number semantics.</summary>
public sealed class SemanticsTests
{
    [Theory]
    [InlineData("a = 1", FilterOutcome.Unknown)]
    [InlineData("a > 1", FilterOutcome.Unknown)]
    [InlineData("a <> 1", FilterOutcome.Unknown)]
    [InlineData("a IN ('x')", FilterOutcome.Unknown)]
    [InlineData("a NOT IN ('x')", FilterOutcome.Unknown)]
    [InlineData("a BETWEEN 1 AND 2", FilterOutcome.Unknown)]
    [InlineData("NOT (a = 1)", FilterOutcome.Unknown)]
    [InlineData("a = 1 AND FALSE", FilterOutcome.False)]
    [InlineData("a = 1 AND TRUE", FilterOutcome.Unknown)]
    [InlineData("a = 1 OR TRUE", FilterOutcome.True)]
    [InlineData("a = 1 OR FALSE", FilterOutcome.Unknown)]
    [InlineData("a", FilterOutcome.Unknown)]
    [InlineData("NULL", FilterOutcome.Unknown)]
    [InlineData("a = b", FilterOutcome.True)]
    [InlineData("a IS NULL", FilterOutcome.True)]
    public void Absent_properties_are_unknown(string expression, FilterOutcome expected) =>
        Assert.Equal(expected, Props.Eval(expression, ("other", "1")));

    [Theory]
    [InlineData("a = 5", "5", FilterOutcome.True)]
    [InlineData("a = 5", "05", FilterOutcome.True)]
    [InlineData("a = 5", "+5", FilterOutcome.True)]
    [InlineData("a = 5", "5.0", FilterOutcome.Error)]
    [InlineData("a = 5", " 5", FilterOutcome.Error)]
    [InlineData("a = 5", "x", FilterOutcome.Error)]
    [InlineData("a = 5.0", "5", FilterOutcome.True)]
    [InlineData("a = 5.0", " 5 ", FilterOutcome.True)]
    [InlineData("a = '5'", "5", FilterOutcome.True)]
    [InlineData("a = '5'", "05", FilterOutcome.False)]
    [InlineData("a > 5", "10", FilterOutcome.True)]
    [InlineData("a > 5", "-10", FilterOutcome.False)]
    [InlineData("a > 5", "3000000000", FilterOutcome.Error)]
    [InlineData("a > 2147483648", "3000000000", FilterOutcome.True)]
    [InlineData("a > 5", "5.5", FilterOutcome.Error)]
    [InlineData("a > 5.0", "5.5", FilterOutcome.True)]
    [InlineData("a > 5.0", "5.5f", FilterOutcome.True)]
    [InlineData("a > 5.0", "Infinity", FilterOutcome.True)]
    [InlineData("a > 5.0", "NaN", FilterOutcome.True)]
    [InlineData("a < 5.0", "-Infinity", FilterOutcome.True)]
    [InlineData("a > -5", "-4", FilterOutcome.True)]
    [InlineData("a >= -2147483648", "-2147483648", FilterOutcome.True)]
    [InlineData("a = TRUE", "TRUE", FilterOutcome.True)]
    [InlineData("a = TRUE", "yes", FilterOutcome.False)]
    [InlineData("a = FALSE", "yes", FilterOutcome.True)]
    [InlineData("TRUE = a", "true", FilterOutcome.Error)]
    [InlineData("a <> 5", "x", FilterOutcome.Error)]
    [InlineData("a", "true", FilterOutcome.False)]
    [InlineData("NOT a", "true", FilterOutcome.True)]
    [InlineData("a > -(-5)", "6", FilterOutcome.True)]
    [InlineData("a > -'x'", "6", FilterOutcome.Unknown)]
    [InlineData("a IN ('ünï', 'x')", "ünï", FilterOutcome.True)]
    [InlineData("a = 'ünï''s'", "ünï's", FilterOutcome.True)]
    public void Property_strings_are_converted_as_apache_does(string expression, string a, FilterOutcome expected) =>
        Assert.Equal(expected, Props.Eval(expression, ("a", a)));

    [Fact]
    public void An_error_ends_the_whole_evaluation_unless_short_circuited()
    {
        Assert.Equal(FilterOutcome.Error, Props.Eval("a > 5 OR TRUE", ("a", "x")));
        Assert.Equal(FilterOutcome.True, Props.Eval("TRUE OR a > 5", ("a", "x")));
        Assert.Equal(FilterOutcome.False, Props.Eval("FALSE AND a > 5", ("a", "x")));
        Assert.Equal(FilterOutcome.Error, Props.Eval("NOT (a > 5)", ("a", "x")));
        Assert.False(Sql92Filter.Compile("a > 5 OR TRUE").Matches(Props.Of(("a", "x"))));
    }

    [Fact]
    public void Right_side_of_an_ordering_is_not_read_when_the_left_is_null() =>
        Assert.Equal(FilterOutcome.Unknown, Props.Eval("a > b", ("b", "x")));

    [Fact]
    public void Tags_keys_and_user_properties_are_all_properties()
    {
        var props = Props.Of(("TAGS", "TagA"), ("KEYS", "k1 k2"), ("color", "red"), ("a", "4"));
        Assert.True(Sql92Filter.Compile("TAGS = 'TagA' AND color IN ('red', 'blue') AND a BETWEEN 3 AND 7").Matches(props));
        Assert.False(Sql92Filter.Compile("TAGS = 'TagB' OR color = 'green'").Matches(props));
        Assert.True(Sql92Filter.Compile("KEYS = 'k1 k2'").Matches(props));
    }

    [Fact]
    public void Double_comparison_follows_java_double_compare()
    {
        Assert.Equal(FilterOutcome.True, Props.Eval("a = b", ("a", "NaN"), ("b", "NaN")));
        Assert.Equal(FilterOutcome.True, Props.Eval("a < b", ("a", "-0.0"), ("b", "0.0")));
        Assert.Equal(FilterOutcome.True, Props.Eval("a > b", ("a", "NaN"), ("b", "Infinity")));
    }

    [Fact]
    public void Later_duplicate_property_wins() =>
        Assert.Equal(FilterOutcome.True, Sql92Filter.Compile("a = 'second'").Evaluate("a\u0001first\u0002a\u0001second"u8));
}
