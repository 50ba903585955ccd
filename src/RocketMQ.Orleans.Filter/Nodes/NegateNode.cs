using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>Unary minus (Apache createNegate): numbers are negated in their own type, anything else is null.</summary>
internal sealed class NegateNode(FilterNode operand) : FilterNode(Above(operand))
{
    public override FilterValue Evaluate(ReadOnlySpan<byte> properties)
    {
        var value = operand.Evaluate(properties);
        return value.Kind switch
        {
            ValueKind.Error => value,
            ValueKind.Int => FilterValue.Int(unchecked(-(int)value.Integer)),
            ValueKind.Long => FilterValue.Long(unchecked(-value.Integer)),
            ValueKind.Double => FilterValue.Double(-value.Real),
            _ => FilterValue.Null,
        };
    }

    public override string ToString() => $"(- {operand})";
}
