using System.Text;
using RocketMQ.Orleans.Filter.Evaluation;

namespace RocketMQ.Orleans.Filter.Nodes;

/// <summary>
/// <c>prop [NOT] IN ('a', 'b')</c> (Apache createInExpression): null when the property is absent, otherwise whether
/// its string is one of the literals (negated for NOT IN).
/// </summary>
internal sealed class InNode : FilterNode
{
    private readonly PropertyNode _property;
    private readonly byte[][] _values;
    private readonly string[] _texts;
    private readonly bool _not;

    public InNode(PropertyNode property, IReadOnlyList<string> values, bool not)
        : base(Above(property))
    {
        _property = property;
        _texts = [.. values];
        _values = [.. values.Select(Encoding.UTF8.GetBytes)];
        _not = not;
    }

    public override bool IsBoolean => true;

    public override FilterValue Evaluate(ReadOnlySpan<byte> properties)
    {
        var value = _property.Evaluate(properties);
        if (value.Kind != ValueKind.String)
        {
            return value.IsError ? value : FilterValue.Null;
        }

        bool found = false;
        foreach (var candidate in _values)
        {
            if (value.Text.SequenceEqual(candidate))
            {
                found = true;
                break;
            }
        }

        return FilterValue.Boolean(found ^ _not);
    }

    public override string ToString() => $"{_property} {(_not ? "NOT IN" : "IN")} ( {string.Join(", ", _texts)} )";
}
