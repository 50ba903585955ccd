using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>
/// <c>=</c> and <c>IS NULL</c> (Apache doCreateEqual): one side null → null when the left is, false when the right
/// is; both null → true; equal values → true; otherwise the values are compared after conversion (<c>a = 5</c> with
/// a = "5" is true, with a = "x" the evaluation fails).
/// </summary>
internal sealed class EqualNode(FilterNode left, FilterNode right) : FilterNode(Above(left, right))
{
    public override bool IsBoolean => true;

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties)
    {
        var lv = left.Evaluate(properties);
        if (lv.IsError)
        {
            return lv;
        }

        var rv = right.Evaluate(properties);
        if (rv.IsError)
        {
            return rv;
        }

        if (lv.IsNull || rv.IsNull)
        {
            return lv.IsNull && rv.IsNull ? FilterValue.True : lv.IsNull ? FilterValue.Null : FilterValue.False;
        }

        if (JavaComparison.JavaEquals(lv, rv))
        {
            return FilterValue.True;
        }

        return JavaComparison.TryCompare(lv, rv, out int result) ? FilterValue.Boolean(result == 0) : FilterValue.Error;
    }

    public override string ToString() => $"({left} == {right})";
}
