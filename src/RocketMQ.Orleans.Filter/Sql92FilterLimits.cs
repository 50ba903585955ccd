namespace RocketMQ.Orleans.Filter;

/// <summary>
/// How large an expression a client may make the broker compile. Apache has no such limits and its parser recurses
/// once per operator, so one heartbeat with a deeply nested expression overflows the stack of the whole process.
/// Both limits are checked while parsing, before the tree grows past them; a compiled tree is never deeper than
/// <see cref="MaxDepth"/>, which also bounds the evaluator's recursion.
/// </summary>
public sealed record Sql92FilterLimits
{
    public const int DefaultMaxExpressionLength = 4 * 1024;

    public const int DefaultMaxDepth = 64;

    /// <summary>The highest depth that still leaves the parser a safe margin of stack on a 1 MiB thread stack.</summary>
    public const int UpperMaxDepth = 1024;

    public Sql92FilterLimits(int maxExpressionLength = DefaultMaxExpressionLength, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExpressionLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, UpperMaxDepth);
        MaxExpressionLength = maxExpressionLength;
        MaxDepth = maxDepth;
    }

    public static Sql92FilterLimits Default { get; } = new();

    /// <summary>Characters an expression may have.</summary>
    public int MaxExpressionLength { get; }

    /// <summary>
    /// Levels the expression may nest: every operator (NOT, unary minus, AND, OR, comparisons) is one level of the
    /// tree it builds, and every parenthesis one more level of the parse, so <c>a = 1 AND b = 2 AND …</c> with 70 terms is as
    /// deep as 70 nested NOTs.
    /// </summary>
    public int MaxDepth { get; }

    internal string TooLong(int length) =>
        $"Expression is {length} characters long, more than the {MaxExpressionLength} this broker accepts";

    internal string TooDeep() =>
        $"Expression nests deeper than the {MaxDepth} levels this broker accepts";
}
