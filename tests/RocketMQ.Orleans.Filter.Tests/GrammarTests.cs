namespace RocketMQ.Orleans.Filter.Tests;

/// <summary>What the grammar accepts and refuses, and the messages it refuses with.</summary>
public sealed class GrammarTests
{
    [Theory]
    [InlineData("a = 1")]
    [InlineData("A = 1 aNd B = 2 Or c = 3")]
    [InlineData("NOT (a = 1)")]
    [InlineData("not (a = 1)")]
    [InlineData("a <> 'x'")]
    [InlineData("a >= -5 AND a <= +5")]
    [InlineData("a > 5L")]
    [InlineData("a > 5.")]
    [InlineData("a > .5")]
    [InlineData("a > 5e3")]
    [InlineData("a > 5.5E-3")]
    [InlineData("a > 5.E10")]
    [InlineData("a > .5e+2")]
    [InlineData("a IN ('x')")]
    [InlineData("a NOT IN ('x', 'y', 'z', 'w', 'v', 'u')")]
    [InlineData("a IS NOT NULL")]
    [InlineData("TRUE")]
    [InlineData("FALSE OR NULL")]
    [InlineData("a")]
    [InlineData("$x_1 = 'a'")]
    [InlineData("a = 1 -- a comment\n AND b = 2")]
    [InlineData("a = 1 /* a comment */ AND b = 2")]
    [InlineData("((a = 1))")]
    [InlineData("a = 1 = TRUE")]
    [InlineData("a BETWEEN -10 AND 10")]
    [InlineData("a NOT BETWEEN 1 AND 2")]
    public void Accepted(string expression) => Assert.NotNull(Sql92Filter.Compile(expression));

    [Theory]
    [InlineData("")]
    [InlineData("a =")]
    [InlineData("a = = 1")]
    [InlineData("(a = 1")]
    [InlineData("a && b")]
    [InlineData("a != 1")]
    [InlineData("a IN ()")]
    [InlineData("a IN (1, 2)")]
    [InlineData("a IS 1")]
    [InlineData("a BETWEEN 1")]
    [InlineData("'unterminated")]
    [InlineData("a = 'x' NOT b")]
    [InlineData("1")]
    [InlineData("'x'")]
    [InlineData("-a")]
    public void Refused_by_syntax(string expression) => Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(expression));

    [Theory]
    [InlineData("a > 'x'", "Value ''x'' cannot be compared.")]
    [InlineData("a > TRUE", "Value 'TRUE' cannot be compared.")]
    [InlineData("a = NULL", "'NULL' cannot be compared.")]
    [InlineData("TRUE = 1", "'TRUE' cannot be compared with '1'")]
    [InlineData("a BETWEEN 10 AND 1", "Illegal values of between, left value(10) must less than or equal to right value(1)")]
    [InlineData("a BETWEEN NULL AND 1", "Illegal values of between, values can not be null!")]
    [InlineData("'x' IN ('x')", "Expected a property for In expression, got: 'x'")]
    [InlineData("a > 0.0", "0.0 is less than 4.9E-324")]
    [InlineData("a > 1e400", "1e400 is greater than 1.7976931348623157E308")]
    [InlineData("a > 99999999999999999999", "For input string: \"99999999999999999999\"")]
    [InlineData("NOT a > 5", "cannot be compared")]
    [InlineData("5 AND a", "Expression will not result in a boolean value: 5")]
    public void Refused_by_apaches_checks(string expression, string message)
    {
        var e = Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(expression));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Syntax_errors_name_the_token_line_and_column()
    {
        var e = Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile("a = 1 AND\n  b = = 2"));
        Assert.StartsWith("Encountered \"=\" at line 2, column 7.", e.Message);
    }

    [Fact]
    public void Lexical_errors_name_the_character()
    {
        var e = Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile("a = 1 AND b # 2"));
        Assert.Contains("Lexical error at line 1, column 13.", e.Message);
    }

    [Fact]
    public void Text_after_a_complete_expression_is_ignored_as_apache_does()
    {
        // javacc's JmsSelector() has no <EOF>: Apache accepts these and filters by the leading expression.
        Assert.Equal(FilterOutcome.True, Props.Eval("a = 1 b", ("a", "1")));
        Assert.Equal(FilterOutcome.True, Props.Eval("a = 1) garbage", ("a", "1")));
        // 4.9.8 has no LIKE: this is the bare property a (false when present, as any string) followed by ignored text.
        Assert.Equal(FilterOutcome.False, Props.Eval("a LIKE 'x%'", ("a", "xy")));
        // A line comment without a line break is not a comment: "-", "-" follow and are left unread.
        Assert.Equal(FilterOutcome.True, Props.Eval("a = 1 --comment", ("a", "1")));
    }

    [Fact]
    public void Keywords_and_names_ignore_case_but_property_names_do_not()
    {
        Assert.Equal(FilterOutcome.True, Props.Eval("Color = 'red' and SIZE between 1 AND 3", ("Color", "red"), ("SIZE", "2")));
        Assert.Equal(FilterOutcome.Unknown, Props.Eval("color = 'red'", ("Color", "red")));
    }

    [Fact]
    public void Identifier_that_starts_with_a_keyword_is_a_property()
    {
        Assert.Equal(FilterOutcome.True, Props.Eval("notes = 'x' AND order = 'y' AND isbn = 'z'", ("notes", "x"), ("order", "y"), ("isbn", "z")));
    }
}
