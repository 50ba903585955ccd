using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace RocketMQ.Orleans.Filter;

/// <summary>
/// Compiled expressions by text, failures included (as Apache SelectorParser's parse cache), so a client that sends
/// its expression with every pull has it parsed once. Bounded: when full it starts over rather than grow with
/// whatever expressions clients send.
/// </summary>
public sealed class Sql92FilterCache(int capacity = 1024)
{
    private readonly ConcurrentDictionary<string, CompileResult> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public bool TryGet(string expression, [NotNullWhen(true)] out Sql92Filter? filter, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (!_entries.TryGetValue(expression, out var result))
        {
            result = Compile(expression);
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

    private static CompileResult Compile(string expression)
    {
        try
        {
            return new CompileResult(Sql92Filter.Compile(expression), null);
        }
        catch (FilterCompileException e)
        {
            return new CompileResult(null, e.Message);
        }
    }

    private sealed record CompileResult(Sql92Filter? Filter, string? Error);
}
