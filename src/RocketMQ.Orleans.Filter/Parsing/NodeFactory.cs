using RocketMQ.Orleans.Filter.Evaluation;
using RocketMQ.Orleans.Filter.Nodes;

namespace RocketMQ.Orleans.Filter.Parsing;

/// <summary>
/// Builds nodes with the checks Apache's ComparisonExpression factories make at parse time, so an expression Apache
/// refuses is refused here with the same reason: only numbers may be ordered, NULL cannot be compared with '=',
/// a boolean literal cannot be compared with another kind of literal, BETWEEN bounds must be ordered, IN needs a property.
/// </summary>
internal static class NodeFactory
{
    /// <summary>Apache asBooleanExpression: conditions pass, a bare property becomes a boolean cast, anything else fails.</summary>
    public static FilterNode AsBoolean(FilterNode node) => node switch
    {
        { IsBoolean: true } => node,
        PropertyNode => new BooleanCastNode(node),
        _ => throw new FilterCompileException("Expression will not result in a boolean value: " + node),
    };

    public static FilterNode Or(FilterNode left, FilterNode right) => new OrNode(AsBoolean(left), AsBoolean(right));

    public static FilterNode And(FilterNode left, FilterNode right) => new AndNode(AsBoolean(left), AsBoolean(right));

    public static FilterNode Equal(FilterNode left, FilterNode right)
    {
        CheckEqualOperand(left);
        CheckEqualOperand(right);
        if (left.IsConstant && right.IsConstant && left.IsBoolean && !right.IsBoolean)
        {
            throw new FilterCompileException($"'{left}' cannot be compared with '{right}'");
        }

        return new EqualNode(left, right);
    }

    public static FilterNode NotEqual(FilterNode left, FilterNode right) => new NotNode(Equal(left, right));

    public static FilterNode IsNull(FilterNode left) => new EqualNode(left, BooleanConstantNode.Null);

    public static FilterNode IsNotNull(FilterNode left) => new NotNode(IsNull(left));

    public static FilterNode Relational(FilterNode left, FilterNode right, RelationalOperator op)
    {
        CheckLessThanOperand(left);
        CheckLessThanOperand(right);
        return new RelationalNode(left, right, op);
    }

    public static FilterNode Between(FilterNode value, FilterNode low, FilterNode high)
    {
        if (low is ConstantNode or BooleanConstantNode && high is ConstantNode or BooleanConstantNode)
        {
            CheckBetweenBounds(low, high);
        }

        return new AndNode(
            Relational(value, low, RelationalOperator.GreaterOrEqual),
            Relational(value, high, RelationalOperator.LessOrEqual));
    }

    public static FilterNode NotBetween(FilterNode value, FilterNode low, FilterNode high) =>
        new OrNode(
            Relational(value, low, RelationalOperator.Less),
            Relational(value, high, RelationalOperator.Greater));

    public static FilterNode In(FilterNode left, IReadOnlyList<string> values, bool not) =>
        left is PropertyNode property
            ? new InNode(property, values, not)
            : throw new FilterCompileException("Expected a property for In expression, got: " + left);

    /// <summary>Only numbers may be ordered: no string or boolean literal, no condition.</summary>
    private static void CheckLessThanOperand(FilterNode node)
    {
        if (node is ConstantNode { Kind: ValueKind.Int or ValueKind.Long or ValueKind.Double })
        {
            return;
        }

        if (node.IsConstant || node.IsBoolean)
        {
            throw new FilterCompileException($"Value '{node}' cannot be compared.");
        }
    }

    private static void CheckEqualOperand(FilterNode node)
    {
        if (node is BooleanConstantNode { IsNullConstant: true })
        {
            throw new FilterCompileException($"'{node}' cannot be compared.");
        }
    }

    /// <summary>Apache createBetween: literal bounds must not be NULL and the upper must not be below the lower.</summary>
    private static void CheckBetweenBounds(FilterNode low, FilterNode high)
    {
        if (low is BooleanConstantNode { IsNullConstant: true } || high is BooleanConstantNode { IsNullConstant: true })
        {
            throw new FilterCompileException("Illegal values of between, values can not be null!");
        }

        var lv = low.Evaluate(default);
        var hv = high.Evaluate(default);
        if (!JavaComparison.TryCompare(hv, lv, out int result))
        {
            throw new FilterCompileException($"Illegal values of between, {low} and {high} cannot be compared");
        }

        if (result < 0)
        {
            throw new FilterCompileException(
                $"Illegal values of between, left value({low.ToString()?.Trim('\'')}) must less than or equal to right value({high.ToString()?.Trim('\'')})");
        }
    }
}
