using RocketMQ.Orleans.Filter.Nodes;
using RocketMQ.Orleans.Filter.Parsing;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Filter;

/// <summary>
/// A compiled SQL92 subscription expression (Apache RocketMQ 4.9.8's selector grammar and evaluation rules),
/// immutable and safe to share between threads. Evaluating it against a message allocates nothing: properties are
/// looked up in the encoded UTF-8 properties and compared as UTF-8; numbers are parsed from the bytes.
/// </summary>
public sealed class Sql92Filter
{
    private readonly FilterNode _root;

    private Sql92Filter(string expression, FilterNode root)
    {
        Expression = expression;
        _root = root;
    }

    public string Expression { get; }

    /// <summary>
    /// Parses and checks <paramref name="expression"/>; throws <see cref="FilterCompileException"/> as Apache's parser
    /// would, and also when the expression is longer or deeper than <paramref name="limits"/> (default
    /// <see cref="Sql92FilterLimits.Default"/>).
    /// </summary>
    public static Sql92Filter Compile(string expression, Sql92FilterLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new Sql92Filter(expression, SelectorParser.Parse(expression, limits ?? Sql92FilterLimits.Default));
    }

    /// <summary>The three-valued result (plus <see cref="FilterOutcome.Error"/> where Java's evaluation throws).</summary>
    public FilterOutcome Evaluate(ReadOnlySpan<byte> propertiesUtf8)
    {
        var value = _root.Evaluate(propertiesUtf8);
        return value.IsTrue ? FilterOutcome.True
            : value.IsFalse ? FilterOutcome.False
            : value.IsError ? FilterOutcome.Error
            : FilterOutcome.Unknown;
    }

    /// <summary>Apache's verdict: only a true result delivers the message (unknown and errors do not).</summary>
    public bool Matches(ReadOnlySpan<byte> propertiesUtf8) => _root.Evaluate(propertiesUtf8).IsTrue;

    /// <summary>Matches on a stored message (commit-log layout); false when the bytes are not a valid message.</summary>
    public bool MatchesStoredMessage(ReadOnlySpan<byte> storedMessage) =>
        StoredMessageView.TryParse(storedMessage, out var view) && Matches(view.PropertiesUtf8);

    public override string ToString() => Expression;
}
