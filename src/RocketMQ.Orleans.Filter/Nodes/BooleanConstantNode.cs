using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>TRUE, FALSE or NULL (Java BooleanConstantExpression: a constant and a boolean expression at once).</summary>
internal sealed class BooleanConstantNode : FilterNode
{
    private readonly bool? _value;

    private BooleanConstantNode(bool? value) => _value = value;

    public static BooleanConstantNode True { get; } = new(true);

    public static BooleanConstantNode False { get; } = new(false);

    public static BooleanConstantNode Null { get; } = new(null);

    public override bool IsBoolean => true;

    public override bool IsConstant => true;

    public bool IsNullConstant => _value is null;

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties) =>
        _value is { } value ? FilterValue.Boolean(value) : FilterValue.Null;

    public override string ToString() => _value switch
    {
        true => "TRUE",
        false => "FALSE",
        null => "NULL",
    };
}
