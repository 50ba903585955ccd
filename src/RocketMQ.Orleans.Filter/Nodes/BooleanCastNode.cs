using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>
/// A bare property used as a condition (Apache createBooleanCast): null when absent, otherwise false, since a
/// property value is a string and only a Boolean object counts as true.
/// </summary>
internal sealed class BooleanCastNode(FilterNode operand) : FilterNode(Above(operand))
{
    public override bool IsBoolean => true;

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties)
    {
        var value = operand.Evaluate(properties);
        return value.IsNull || value.IsError || value.Kind == ValueKind.Boolean ? value : FilterValue.False;
    }

    public override string ToString() => operand.ToString() ?? string.Empty;
}
