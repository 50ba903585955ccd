using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>A numeric or string literal (Java ConstantExpression holding an Integer, Long, Double or String).</summary>
internal sealed class ConstantNode : FilterNode
{
    private readonly ValueKind _kind;
    private readonly long _integer;
    private readonly double _real;
    private readonly byte[] _utf8;
    private readonly string _text;

    private ConstantNode(ValueKind kind, long integer, double real, string text, byte[]? utf8 = null)
    {
        _kind = kind;
        _integer = integer;
        _real = real;
        _text = text;
        _utf8 = utf8 ?? [];
    }

    public override bool IsConstant => true;

    public ValueKind Kind => _kind;

    /// <summary>Java's createFromDecimal: an Integer when the value fits, a Long otherwise.</summary>
    public static ConstantNode FromInteger(long value) =>
        value is >= int.MinValue and <= int.MaxValue
            ? new ConstantNode(ValueKind.Int, value, 0, value.ToString(CultureInfo.InvariantCulture))
            : new ConstantNode(ValueKind.Long, value, 0, value.ToString(CultureInfo.InvariantCulture));

    public static ConstantNode FromDouble(double value) => new(ValueKind.Double, 0, value, JavaDoubleText(value));

    public static ConstantNode FromString(string value) =>
        new(ValueKind.String, 0, 0, "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'", Encoding.UTF8.GetBytes(value));

    public FilterValue Value => _kind switch
    {
        ValueKind.Int => FilterValue.Int((int)_integer),
        ValueKind.Long => FilterValue.Long(_integer),
        ValueKind.Double => FilterValue.Double(_real),
        _ => FilterValue.String(_utf8),
    };

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties) => Value;

    public override string ToString() => _text;

    /// <summary>Close to Java's Double.toString, for messages only.</summary>
    private static string JavaDoubleText(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || !double.IsFinite(value) ? text : text + ".0";
    }
}
