using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>NOT: null stays null (also the form of <c>&lt;&gt;</c> and <c>IS NOT NULL</c>, as in Apache).</summary>
internal sealed class NotNode(FilterNode operand) : FilterNode(Above(operand))
{
    public override bool IsBoolean => true;

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties)
    {
        var value = operand.Evaluate(properties);
        return value.Kind == ValueKind.Boolean ? FilterValue.Boolean(!value.IsTrue) : value;
    }

    public override string ToString() => $"(NOT {operand})";
}
