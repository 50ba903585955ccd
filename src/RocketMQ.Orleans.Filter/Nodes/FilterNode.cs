using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>
/// A node of a compiled selector, immutable and shared by every evaluation. The two flags mirror the Java classes
/// the grammar's checks look at (BooleanExpression, ConstantExpression).
/// </summary>
internal abstract class FilterNode
{
    /// <summary>A leaf.</summary>
    protected FilterNode() => Depth = 1;

    /// <summary>An operator at <paramref name="depth"/> (see <see cref="Above"/>).</summary>
    protected FilterNode(int depth) => Depth = depth;

    /// <summary>Levels of the tree below and including this node: how deep <see cref="Evaluate"/> recurses.</summary>
    public int Depth { get; }

    /// <summary>The depth of an operator over one or two operands: one level deeper than the deeper of them.</summary>
    protected static int Above(FilterNode operand, FilterNode? other = null) => 1 + Math.Max(operand.Depth, other?.Depth ?? 0);

    /// <summary>Java BooleanExpression: evaluates to a boolean or null.</summary>
    public virtual bool IsBoolean => false;

    /// <summary>Java ConstantExpression (including TRUE, FALSE and NULL).</summary>
    public virtual bool IsConstant => false;

    /// <summary>Evaluates against encoded UTF-8 message properties (name\u0001value\u0002…).</summary>
    public abstract FilterValue Evaluate(ReadOnlySpan<byte> properties);
}
