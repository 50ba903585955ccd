using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>AND with SQL's three values: false wins, then null; the right side is skipped when the left is false.</summary>
internal sealed class AndNode(FilterNode left, FilterNode right) : FilterNode(Above(left, right))
{
    public override bool IsBoolean => true;

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties)
    {
        var lv = left.Evaluate(properties);
        if (lv.IsError || lv.IsFalse)
        {
            return lv;
        }

        var rv = right.Evaluate(properties);
        if (rv.IsError || rv.IsFalse)
        {
            return rv;
        }

        return lv.IsNull || rv.IsNull ? FilterValue.Null : FilterValue.True;
    }

    public override string ToString() => $"({left} && {right})";
}
