using System.Globalization;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Bodies.Json;

/// <summary>
/// Typed reads from a <see cref="FastJsonNode"/> with fastjson's casts: numbers may arrive as strings and
/// strings as numbers, null or a missing member gives the Java default. A value that cannot be cast is a
/// <see cref="RemotingProtocolException"/> (<see cref="RemotingProtocolError.BadJson"/>), never another exception.
/// </summary>
public static class FastJsonConvert
{
    public static FastJsonNode RequireObject(FastJsonNode node, string typeName) =>
        node.Kind == FastJsonKind.Object ? node : throw Bad($"{typeName} must be a JSON object, not {node.Kind}");

    public static string? AsString(this FastJsonNode? node) => node?.Kind switch
    {
        null or FastJsonKind.Null => null,
        FastJsonKind.String or FastJsonKind.Number => node.Text,
        FastJsonKind.True => "true",
        FastJsonKind.False => "false",
        _ => throw Bad($"expected a string, found {node.Kind}"),
    };

    public static long AsInt64(this FastJsonNode? node)
    {
        switch (node?.Kind)
        {
            case null or FastJsonKind.Null:
                return 0;
            case FastJsonKind.True:
                return 1;
            case FastJsonKind.False:
                return 0;
            case FastJsonKind.Number or FastJsonKind.String:
                string text = node.Text!.Trim();
                if (text.Length == 0)
                {
                    return 0;
                }

                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                {
                    return value;
                }

                // 5.0 or 1e3 for an integer field: fastjson truncates a decimal that fits.
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                    && d >= long.MinValue && d < 9.2233720368547758E18)
                {
                    return (long)d;
                }

                throw Bad($"'{Clip(text)}' is not a 64-bit integer");
            default:
                throw Bad($"expected a number, found {node.Kind}");
        }
    }

    public static int AsInt32(this FastJsonNode? node)
    {
        long value = node.AsInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Bad($"{value} is not a 32-bit integer");
    }

    public static double AsDouble(this FastJsonNode? node)
    {
        switch (node?.Kind)
        {
            case null or FastJsonKind.Null:
                return 0;
            case FastJsonKind.Number or FastJsonKind.String:
                string text = node.Text!.Trim();
                if (text.Length == 0)
                {
                    return 0;
                }

                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                    ? value
                    : throw Bad($"'{Clip(text)}' is not a number");
            default:
                throw Bad($"expected a number, found {node.Kind}");
        }
    }

    public static bool AsBoolean(this FastJsonNode? node) => node?.Kind switch
    {
        null or FastJsonKind.Null or FastJsonKind.False => false,
        FastJsonKind.True => true,
        FastJsonKind.Number => node.AsInt64() != 0,
        FastJsonKind.String => node.Text switch
        {
            "true" or "1" => true,
            "false" or "0" or "" => false,
            _ => throw Bad($"'{Clip(node.Text!)}' is not a boolean"),
        },
        _ => throw Bad($"expected a boolean, found {node.Kind}"),
    };

    /// <summary>A nested object read by <paramref name="read"/>; null or missing gives null (a Java field left null).</summary>
    public static T? AsObjectOrNull<T>(this FastJsonNode? node, Func<FastJsonNode, T> read)
        where T : class =>
        node is null || node.IsNull ? null : read(node);

    /// <summary>An array (Java List or Set); null or missing gives an empty list.</summary>
    public static List<T> AsList<T>(this FastJsonNode? node, Func<FastJsonNode, T> read)
    {
        if (node is null || node.IsNull)
        {
            return [];
        }

        if (node.Kind != FastJsonKind.Array)
        {
            throw Bad($"expected an array, found {node.Kind}");
        }

        var list = new List<T>(node.Items.Count);
        foreach (var item in node.Items)
        {
            list.Add(read(item));
        }

        return list;
    }

    public static List<string> AsStringList(this FastJsonNode? node) =>
        node.AsList(item => item.AsString() ?? throw Bad("null in a list of strings"));

    /// <summary>A map keyed by strings (quoted, bare or numeric keys all read as their text).</summary>
    public static Dictionary<string, TValue> AsStringMap<TValue>(this FastJsonNode? node, Func<FastJsonNode, TValue> read) =>
        node.AsMap(key => key.Kind is FastJsonKind.String or FastJsonKind.Number ? key.Text! : throw Bad($"a {key.Kind} cannot be a string map key"), read);

    /// <summary>A map keyed by Java longs or ints: <c>{0:…}</c> as fastjson writes it or <c>{"0":…}</c>.</summary>
    public static Dictionary<long, TValue> AsInt64Map<TValue>(this FastJsonNode? node, Func<FastJsonNode, TValue> read) =>
        node.AsMap(key => key.Kind is FastJsonKind.String or FastJsonKind.Number ? key.AsInt64() : throw Bad($"a {key.Kind} cannot be a numeric map key"), read);

    public static Dictionary<int, TValue> AsInt32Map<TValue>(this FastJsonNode? node, Func<FastJsonNode, TValue> read) =>
        node.AsMap(key => key.Kind is FastJsonKind.String or FastJsonKind.Number ? key.AsInt32() : throw Bad($"a {key.Kind} cannot be a numeric map key"), read);

    /// <summary>Any map; a later duplicate key wins, as in the Java HashMap fastjson fills.</summary>
    public static Dictionary<TKey, TValue> AsMap<TKey, TValue>(this FastJsonNode? node, Func<FastJsonNode, TKey> readKey, Func<FastJsonNode, TValue> read)
        where TKey : notnull
    {
        if (node is null || node.IsNull)
        {
            return [];
        }

        if (node.Kind != FastJsonKind.Object)
        {
            throw Bad($"expected an object, found {node.Kind}");
        }

        var map = new Dictionary<TKey, TValue>(node.Members.Count);
        foreach (var (key, value) in node.Members)
        {
            map[readKey(key)] = read(value);
        }

        return map;
    }

    internal static RemotingProtocolException Bad(string message) => new(RemotingProtocolError.BadJson, $"Malformed JSON body: {message}.");

    private static string Clip(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
