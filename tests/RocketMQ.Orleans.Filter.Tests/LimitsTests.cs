using System.Text;

namespace RocketMQ.Orleans.Filter.Tests;

/// <summary>
/// Expressions are bounded in length and depth, so no client can make the parser or the evaluator recurse without
/// bound (200,000 NOTs overflowed the stack of the whole silo before the limits).
/// </summary>
public sealed class LimitsTests
{
    private static readonly Sql92FilterLimits Small = new(maxExpressionLength: 1 << 20, maxDepth: 64);

    private static string Nots(int count) => new StringBuilder().Insert(0, "NOT ", count).Append("a = 1").ToString();

    private static string NotsOver(int count) => new StringBuilder().Insert(0, "NOT ", count).Append("(a = 1)").ToString();

    private static string Chain(string op, int terms) => string.Join($" {op} ", Enumerable.Repeat("a = 1", terms));

    private static string Parentheses(int count) => new string('(', count) + "a = 1" + new string(')', count);

    private static byte[] Props(string properties) => Encoding.UTF8.GetBytes(properties);

    [Fact]
    public void The_defaults_are_4_KiB_and_64_levels()
    {
        Assert.Equal(4096, Sql92FilterLimits.Default.MaxExpressionLength);
        Assert.Equal(64, Sql92FilterLimits.Default.MaxDepth);
    }

    [Fact]
    public void Two_hundred_thousand_NOTs_are_refused_without_recursing()
    {
        // With unbounded limits on length, only the depth check stands between this and a stack overflow.
        var limits = new Sql92FilterLimits(maxExpressionLength: int.MaxValue, maxDepth: 64);
        var e = Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(Nots(200_000), limits));
        Assert.Equal("Expression nests deeper than the 64 levels this broker accepts", e.Message);
    }

    [Fact]
    public void An_expression_over_the_length_limit_is_refused_before_it_is_read()
    {
        string expression = "a = '" + new string('x', 5000) + "'";
        var e = Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(expression));
        Assert.Equal($"Expression is {expression.Length} characters long, more than the 4096 this broker accepts", e.Message);
    }

    [Fact]
    public void An_expression_at_the_length_limit_compiles()
    {
        string expression = "a = '" + new string('x', 4096 - 6) + "'";
        Assert.Equal(4096, expression.Length);
        Assert.NotNull(Sql92Filter.Compile(expression));
    }

    [Theory]
    [InlineData("NOT")]
    [InlineData("-")]
    [InlineData("+")]
    public void Unary_chains_stop_at_the_depth_limit(string op)
    {
        string Of(int count) => new StringBuilder().Insert(0, op + " ", count).Append(op == "NOT" ? "a = 1" : "a > 1").ToString();

        Assert.NotNull(Sql92Filter.Compile(Of(40), Small));
        Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(Of(65), Small));
        Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(Of(10_000), Small));
    }

    [Fact]
    public void The_depth_counts_every_level_of_the_tree()
    {
        // As in Apache's grammar NOT binds tighter than '=': "NOT ×n a = 1" is (NOT ×n a) = 1, a tree of the
        // comparison, n NOTs, the boolean cast of a and a: n + 3 levels.
        Assert.NotNull(Sql92Filter.Compile(Nots(61), Small));
        Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(Nots(62), Small));

        // "NOT ×n (a = 1)": n NOTs, the parenthesis, the comparison and its operand: n + 3 levels.
        Assert.NotNull(Sql92Filter.Compile(NotsOver(61), Small));
        Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(NotsOver(62), Small));
    }

    [Theory]
    [InlineData("AND")]
    [InlineData("OR")]
    public void Long_AND_and_OR_chains_are_as_deep_as_they_are_long(string op)
    {
        // A chain builds a left-leaning tree that the evaluator walks recursively: it is bounded like nesting.
        Assert.NotNull(Sql92Filter.Compile(Chain(op, 60), Small));
        var e = Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(Chain(op, 100_000), Small));
        Assert.Contains("nests deeper than the 64 levels", e.Message);
    }

    [Fact]
    public void Parentheses_count_as_levels()
    {
        Assert.NotNull(Sql92Filter.Compile(Parentheses(60), Small));
        Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(Parentheses(63), Small));
        Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(Parentheses(100_000), Small));
    }

    [Fact]
    public void A_chain_inside_parentheses_counts_both()
    {
        // 30 parentheses around a 40-term chain: each alone is fine, together they are 70+ levels.
        string expression = new string('(', 30) + Chain("AND", 40) + new string(')', 30);
        Assert.NotNull(Sql92Filter.Compile(new string('(', 30) + "a = 1" + new string(')', 30), Small));
        Assert.NotNull(Sql92Filter.Compile(Chain("AND", 40), Small));
        Assert.Throws<FilterCompileException>(() => Sql92Filter.Compile(expression, Small));
    }

    [Fact]
    public void The_deepest_accepted_expression_evaluates_correctly()
    {
        var even = Sql92Filter.Compile(NotsOver(60), Small);
        var odd = Sql92Filter.Compile(NotsOver(61), Small);
        var chain = Sql92Filter.Compile(Chain("AND", 60), Small);
        var properties = Props("a\u00011\u0002");

        Assert.True(even.Matches(properties));
        Assert.False(odd.Matches(properties));
        Assert.True(chain.Matches(properties));
    }

    [Fact]
    public void The_cache_refuses_a_long_expression_without_keeping_it()
    {
        var cache = new Sql92FilterCache(limits: new Sql92FilterLimits(maxExpressionLength: 100));
        string expression = "a = '" + new string('x', 200) + "'";

        Assert.False(cache.TryGet(expression, out _, out var error));
        Assert.Contains("more than the 100 this broker accepts", error);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_cache_refuses_a_deep_expression_with_its_reason()
    {
        var cache = new Sql92FilterCache(limits: Small);
        Assert.False(cache.TryGet(Nots(1000), out _, out var error));
        Assert.Equal("Expression nests deeper than the 64 levels this broker accepts", error);
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(4096, 1)]
    [InlineData(4096, 1025)]
    public void Limits_that_do_not_protect_anything_are_refused(int length, int depth) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sql92FilterLimits(length, depth));
}
