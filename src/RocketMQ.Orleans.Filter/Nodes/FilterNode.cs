using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>
/// A node of a compiled selector, immutable and shared by every evaluation. The two flags mirror the Java classes
/// the grammar's checks look at (BooleanExpression, ConstantExpression).
/// </summary>
internal abstract class FilterNode
{
    /// <summary>Java BooleanExpression: evaluates to a boolean or null.</summary>
    public virtual bool IsBoolean => false;

    /// <summary>Java ConstantExpression (including TRUE, FALSE and NULL).</summary>
    public virtual bool IsConstant => false;

    /// <summary>Evaluates against encoded UTF-8 message properties (name\u0001value\u0002…).</summary>
    public abstract FilterValue Evaluate(ReadOnlySpan<byte> properties);
}
