using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RocketMQ.Orleans.Protocol.Bodies.Json;

/// <summary>
/// Writes JSON the way fastjson's <c>JSON.toJSONString</c> does for RocketMQ bodies: compact, nulls left
/// out by the caller, non-ASCII written raw, doubles in Java's <c>0.0</c> style. Unlike
/// <see cref="System.Text.Json.Utf8JsonWriter"/> it can write a map key that is itself an object
/// (<c>{{"brokerName":"b",…}:…}</c>), which is the only form fastjson reads back into a
/// <c>Map&lt;MessageQueue,…&gt;</c>.
/// </summary>
public sealed class FastJsonWriter
{
    private const int MaxDepth = 63;
    private static readonly byte[] HexDigits = "0123456789ABCDEF"u8.ToArray();

    private readonly IBufferWriter<byte> _output;
    private ulong _containerHasItems;
    private int _depth;
    private bool _afterKey;

    public FastJsonWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    public void StartObject() => Open((byte)'{');

    public void EndObject() => Close((byte)'}');

    public void StartArray() => Open((byte)'[');

    public void EndArray() => Close((byte)']');

    /// <summary>Writes <c>"name":</c>; <paramref name="utf8Name"/> must not need escaping (field names never do).</summary>
    public void PropertyName(ReadOnlySpan<byte> utf8Name)
    {
        Separator();
        var span = _output.GetSpan(utf8Name.Length + 3);
        span[0] = (byte)'"';
        utf8Name.CopyTo(span[1..]);
        span[utf8Name.Length + 1] = (byte)'"';
        span[utf8Name.Length + 2] = (byte)':';
        _output.Advance(utf8Name.Length + 3);
        _afterKey = true;
    }

    /// <summary>A map key from a string (escaped as any string value).</summary>
    public void Key(string key)
    {
        String(key);
        WriteByte((byte)':');
        _afterKey = true;
    }

    /// <summary>
    /// A numeric map key, quoted (<c>"0":</c>). fastjson itself writes <c>{0:…}</c>, but it reads the quoted
    /// form into a <c>Map&lt;Long,…&gt;</c> just as well, and strict JSON parsers (ali-ons' JSON2, Go, C++) need it.
    /// </summary>
    public void Key(long key)
    {
        Separator();
        WriteByte((byte)'"');
        WriteInt64(key);
        WriteByte((byte)'"');
        WriteByte((byte)':');
        _afterKey = true;
    }

    /// <summary>Starts a map key that is an object; write the object, then call <see cref="EndComplexKey"/>.</summary>
    public void StartComplexKey()
    {
        Separator();
        _afterKey = true;
    }

    public void EndComplexKey()
    {
        WriteByte((byte)':');
        _afterKey = true;
    }

    public void String(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        Separator();
        WriteByte((byte)'"');
        WriteEscaped(value);
        WriteByte((byte)'"');
    }

    public void Number(long value)
    {
        Separator();
        WriteInt64(value);
    }

    /// <summary>Java's <c>Double.toString</c> shape (<c>0.0</c>, <c>12.5</c>, <c>1.0E7</c>); NaN and infinities become null as in fastjson.</summary>
    public void Number(double value)
    {
        if (!double.IsFinite(value))
        {
            Null();
            return;
        }

        Separator();
        WriteAscii(JavaDouble(value));
    }

    public void Boolean(bool value)
    {
        Separator();
        WriteAscii(value ? "true" : "false");
    }

    public void Null()
    {
        Separator();
        WriteAscii("null");
    }

    public void Property(ReadOnlySpan<byte> utf8Name, string? value)
    {
        if (value is not null)
        {
            PropertyName(utf8Name);
            String(value);
        }
    }

    public void Property(ReadOnlySpan<byte> utf8Name, long value)
    {
        PropertyName(utf8Name);
        Number(value);
    }

    public void Property(ReadOnlySpan<byte> utf8Name, bool value)
    {
        PropertyName(utf8Name);
        Boolean(value);
    }

    private void Open(byte bracket)
    {
        if (_depth == MaxDepth)
        {
            throw new InvalidOperationException("JSON body nested too deeply.");
        }

        Separator();
        WriteByte(bracket);
        _depth++;
        _containerHasItems &= ~(1UL << _depth);
    }

    private void Close(byte bracket)
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("No open JSON container.");
        }

        WriteByte(bracket);
        _depth--;
    }

    // A comma goes before every item but the first of its container; nothing after a key's colon.
    private void Separator()
    {
        if (_afterKey)
        {
            _afterKey = false;
            return;
        }

        if (_depth == 0)
        {
            return;
        }

        ulong bit = 1UL << _depth;
        if ((_containerHasItems & bit) != 0)
        {
            WriteByte((byte)',');
        }
        else
        {
            _containerHasItems |= bit;
        }
    }

    private void WriteEscaped(string value)
    {
        int runStart = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (!NeedsEscape(c))
            {
                continue;
            }

            WriteUtf8(value.AsSpan(runStart, i - runStart));
            runStart = i + 1;
            switch (c)
            {
                case '"': WriteAscii("\\\""); break;
                case '\\': WriteAscii("\\\\"); break;
                case '\n': WriteAscii("\\n"); break;
                case '\r': WriteAscii("\\r"); break;
                case '\t': WriteAscii("\\t"); break;
                case '\b': WriteAscii("\\b"); break;
                case '\f': WriteAscii("\\f"); break;
                default:
                    var span = _output.GetSpan(6);
                    span[0] = (byte)'\\';
                    span[1] = (byte)'u';
                    span[2] = HexDigits[c >> 12];
                    span[3] = HexDigits[(c >> 8) & 0xF];
                    span[4] = HexDigits[(c >> 4) & 0xF];
                    span[5] = HexDigits[c & 0xF];
                    _output.Advance(6);
                    break;
            }
        }

        WriteUtf8(value.AsSpan(runStart));
    }

    // fastjson's default set: C0 controls, quote, backslash, DEL and C1 controls, and the JavaScript line separators.
    private static bool NeedsEscape(char c) =>
        c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c < 0xA0) || c == '\u2028' || c == '\u2029';

    private static string JavaDouble(double value)
    {
        double magnitude = Math.Abs(value);
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e7))
        {
            return text.Contains('.') ? text : text + ".0";
        }

        // .NET gives 1E-05 or 1.5E+20; Java writes 1.0E-5 and 1.5E20.
        int e = text.IndexOf('E');
        string mantissa = e < 0 ? text : text[..e];
        int exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (e < 0)
        {
            // "R" printed plain digits (1.5E-4 as 0.00015): move the point after the first significant digit.
            bool negative = mantissa.StartsWith('-');
            string unsigned = negative ? mantissa[1..] : mantissa;
            int point = unsigned.IndexOf('.');
            string digits = unsigned.Replace(".", string.Empty, StringComparison.Ordinal);
            int leadingZeros = digits.Length - digits.TrimStart('0').Length;
            digits = digits.Trim('0');
            exponent = (point < 0 ? unsigned.Length : point) - 1 - leadingZeros;
            mantissa = (negative ? "-" : string.Empty) + digits[0] + "." + (digits.Length > 1 ? digits[1..] : "0");
        }
        else if (!mantissa.Contains('.'))
        {
            mantissa += ".0";
        }

        return mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private void WriteInt64(long value)
    {
        var span = _output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out int written);
        _output.Advance(written);
    }

    private void WriteAscii(string text)
    {
        var span = _output.GetSpan(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _output.Advance(text.Length);
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }
}
