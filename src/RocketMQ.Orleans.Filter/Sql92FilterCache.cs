using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace RocketMQ.Orleans.Filter;

/// <summary>
/// Compiled expressions by text, failures included (as Apache SelectorParser's parse cache), so a client that sends
/// its expression with every pull has it parsed once. Bounded: when full it starts over rather than grow with
/// whatever expressions clients send. An expression over the length limit is refused without being kept, so the
/// cache holds at most <c>capacity</c> × <see cref="Sql92FilterLimits.MaxExpressionLength"/> characters of keys.
/// </summary>
public sealed class Sql92FilterCache(int capacity = 1024, Sql92FilterLimits? limits = null)
{
    private readonly ConcurrentDictionary<string, CompileResult> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>The limits every expression is compiled with.</summary>
    public Sql92FilterLimits Limits { get; } = limits ?? Sql92FilterLimits.Default;

    public bool TryGet(string expression, [NotNullWhen(true)] out Sql92Filter? filter, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > Limits.MaxExpressionLength)
        {
            filter = null;
            error = Limits.TooLong(expression.Length);
            return false;
        }

        if (!_entries.TryGetValue(expression, out var result))
        {
            result = Compile(expression, Limits);
            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }

            _entries[expression] = result;
        }

        filter = result.Filter;
        error = result.Error;
        return filter is not null;
    }

    private static CompileResult Compile(string expression, Sql92FilterLimits limits)
    {
        try
        {
            return new CompileResult(Sql92Filter.Compile(expression, limits), null);
        }
        catch (FilterCompileException e)
        {
            return new CompileResult(null, e.Message);
        }
    }

    private sealed record CompileResult(Sql92Filter? Filter, string? Error);
}
