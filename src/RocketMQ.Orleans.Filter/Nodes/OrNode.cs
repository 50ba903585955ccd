using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>OR with SQL's three values: true wins, then null; the right side is skipped when the left is true.</summary>
internal sealed class OrNode(FilterNode left, FilterNode right) : FilterNode(Above(left, right))
{
    public override bool IsBoolean => true;

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties)
    {
        var lv = left.Evaluate(properties);
        if (lv.IsError || lv.IsTrue)
        {
            return lv;
        }

        var rv = right.Evaluate(properties);
        if (rv.IsError || rv.IsTrue)
        {
            return rv;
        }

        return lv.IsNull || rv.IsNull ? FilterValue.Null : FilterValue.False;
    }

    public override string ToString() => $"({left} || {right})";
}
