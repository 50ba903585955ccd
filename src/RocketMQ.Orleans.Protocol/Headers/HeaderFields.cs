using System.Globalization;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>
/// Reads and writes ext-field values the way Apache's reflective header codec does: numbers as
/// Java <c>Integer.parseInt</c>/<c>Long.parseLong</c> accept them, booleans as <c>Boolean.parseBoolean</c>.
/// </summary>
internal static class HeaderFields
{
    public static string RequiredString(IReadOnlyDictionary<string, string>? extFields, string name) =>
        OptionalString(extFields, name) ?? throw Missing(name);

    public static string? OptionalString(IReadOnlyDictionary<string, string>? extFields, string name) =>
        extFields is not null && extFields.TryGetValue(name, out var value) ? value : null;

    public static int RequiredInt32(IReadOnlyDictionary<string, string>? extFields, string name) =>
        OptionalInt32(extFields, name) ?? throw Missing(name);

    public static int? OptionalInt32(IReadOnlyDictionary<string, string>? extFields, string name) =>
        OptionalString(extFields, name) is not { } text
            ? null
            : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value : throw Bad(name, text);

    public static long RequiredInt64(IReadOnlyDictionary<string, string>? extFields, string name) =>
        OptionalInt64(extFields, name) ?? throw Missing(name);

    public static long? OptionalInt64(IReadOnlyDictionary<string, string>? extFields, string name) =>
        OptionalString(extFields, name) is not { } text
            ? null
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : throw Bad(name, text);

    /// <summary>Java <c>Boolean.parseBoolean</c>: "true" in any case is true, anything else false.</summary>
    public static bool? OptionalBoolean(IReadOnlyDictionary<string, string>? extFields, string name) =>
        OptionalString(extFields, name) is { } text ? text.Equals("true", StringComparison.OrdinalIgnoreCase) : null;

    /// <summary>A primitive Java boolean: false when absent.</summary>
    public static bool Boolean(IReadOnlyDictionary<string, string>? extFields, string name) =>
        OptionalBoolean(extFields, name) ?? false;

    public static void Put(IDictionary<string, string> extFields, string name, string? value)
    {
        if (value is not null)
        {
            extFields[name] = value;
        }
    }

    public static void Put(IDictionary<string, string> extFields, string name, int? value)
    {
        if (value is { } v)
        {
            extFields[name] = v.ToString(CultureInfo.InvariantCulture);
        }
    }

    public static void Put(IDictionary<string, string> extFields, string name, long? value)
    {
        if (value is { } v)
        {
            extFields[name] = v.ToString(CultureInfo.InvariantCulture);
        }
    }

    public static void Put(IDictionary<string, string> extFields, string name, bool? value)
    {
        if (value is { } v)
        {
            extFields[name] = v ? "true" : "false";
        }
    }

    private static RemotingProtocolException Missing(string name) =>
        new(RemotingProtocolError.MissingHeaderField, $"the custom field <{name}> is null");

    /// <summary>How much of a bad value the error (remark and log line) quotes.</summary>
    internal const int MaxQuotedValueLength = 64;

    /// <summary>
    /// Quotes at most <see cref="MaxQuotedValueLength"/> characters: the message becomes the SYSTEM_ERROR remark sent back
    /// and a log line, and a client may send a megabyte in one field (found by the wire fuzzer).
    /// </summary>
    private static RemotingProtocolException Bad(string name, string value) =>
        new(RemotingProtocolError.BadHeaderField, value.Length <= MaxQuotedValueLength
            ? $"the custom field <{name}> has an unparsable value '{value}'"
            : $"the custom field <{name}> has an unparsable value '{value[..MaxQuotedValueLength]}…' ({value.Length} characters)");
}
