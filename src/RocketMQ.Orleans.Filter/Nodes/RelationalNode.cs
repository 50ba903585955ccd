using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>
/// <c>&gt; &gt;= &lt; &lt;=</c> (Apache ComparisonExpression.evaluate): null on either side → null (the right side is
/// not evaluated when the left is null); two strings are both read as doubles; otherwise converted and compared.
/// </summary>
internal sealed class RelationalNode(FilterNode left, FilterNode right, RelationalOperator op) : FilterNode(Above(left, right))
{
    public override bool IsBoolean => true;

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties)
    {
        var lv = left.Evaluate(properties);
        if (lv.IsError || lv.IsNull)
        {
            return lv;
        }

        var rv = right.Evaluate(properties);
        if (rv.IsError || rv.IsNull)
        {
            return rv;
        }

        int result;
        if (lv.Kind == ValueKind.String && rv.Kind == ValueKind.String)
        {
            if (!JavaNumberText.TryParseDouble(lv.Text, out double l) || !JavaNumberText.TryParseDouble(rv.Text, out double r))
            {
                return FilterValue.Error;
            }

            result = JavaComparison.CompareDouble(l, r);
        }
        else if (!JavaComparison.TryCompare(lv, rv, out result))
        {
            return FilterValue.Error;
        }

        return FilterValue.Boolean(op switch
        {
            RelationalOperator.Greater => result > 0,
            RelationalOperator.GreaterOrEqual => result >= 0,
            RelationalOperator.Less => result < 0,
            _ => result <= 0,
        });
    }

    public override string ToString() => $"({left} {Symbol(op)} {right})";

    public static string Symbol(RelationalOperator op) => op switch
    {
        RelationalOperator.Greater => ">",
        RelationalOperator.GreaterOrEqual => ">=",
        RelationalOperator.Less => "<",
        _ => "<=",
    };
}
