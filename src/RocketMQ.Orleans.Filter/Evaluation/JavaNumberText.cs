using System.Globalization;
using System.Text;

namespace RocketMQ.Orleans.Filter.Evaluation;

/// <summary>
/// Java's <c>Integer.valueOf</c>, <c>Long.valueOf</c>, <c>Double.valueOf</c> and <c>Boolean.valueOf</c> on UTF-8
/// property values, without allocating. Apache converts a property string this way when it is compared with a number
/// or a boolean; a string Java would refuse is refused here (the caller turns it into an evaluation error).
/// </summary>
internal static class JavaNumberText
{
    /// <summary>Integer.valueOf: an optional sign and ASCII digits, nothing else, in int range.</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (!TryParseMagnitude(text, out bool negative, out ulong magnitude) || magnitude > (negative ? 1UL + int.MaxValue : int.MaxValue))
        {
            return false;
        }

        value = negative ? (int)(0 - (long)magnitude) : (int)magnitude;
        return true;
    }

    /// <summary>Long.valueOf: an optional sign and ASCII digits, nothing else, in long range.</summary>
    public static bool TryParseLong(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (!TryParseMagnitude(text, out bool negative, out ulong magnitude) || magnitude > (negative ? 1UL + long.MaxValue : long.MaxValue))
        {
            return false;
        }

        value = negative ? unchecked((long)(0 - magnitude)) : (long)magnitude;
        return true;
    }

    /// <summary>Boolean.valueOf: "true" in any case is true, anything else false.</summary>
    public static bool ParseBoolean(ReadOnlySpan<byte> text) => Ascii.EqualsIgnoreCase(text, "true"u8);

    /// <summary>
    /// Double.valueOf: surrounding characters up to ' ' trimmed, an optional sign, then "NaN", "Infinity" or digits
    /// with an optional point and exponent and an optional f/F/d/D suffix. (Java's hexadecimal form is not accepted.)
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        int start = 0;
        int end = text.Length;
        while (start < end && text[start] <= (byte)' ')
        {
            start++;
        }

        while (end > start && text[end - 1] <= (byte)' ')
        {
            end--;
        }

        var trimmed = text[start..end];
        if (trimmed.IsEmpty)
        {
            return false;
        }

        bool negative = trimmed[0] == (byte)'-';
        var unsigned = trimmed[0] is (byte)'-' or (byte)'+' ? trimmed[1..] : trimmed;
        if (unsigned.SequenceEqual("NaN"u8))
        {
            value = double.NaN;
            return true;
        }

        if (unsigned.SequenceEqual("Infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (!IsJavaDecimal(unsigned, out int suffix))
        {
            return false;
        }

        return double.TryParse(trimmed[..(trimmed.Length - suffix)], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>digits? ("." digits?)? with at least one digit, then ([eE] [+-]? digits)? then [fFdD]?.</summary>
    private static bool IsJavaDecimal(ReadOnlySpan<byte> text, out int suffix)
    {
        suffix = 0;
        int i = 0;
        int digits = 0;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            int exponentStart = i;
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
            {
                i++;
            }

            if (i == exponentStart)
            {
                return false;
            }
        }

        if (i == text.Length - 1 && text[i] is (byte)'f' or (byte)'F' or (byte)'d' or (byte)'D')
        {
            suffix = 1;
            return true;
        }

        return i == text.Length;
    }

    private static bool TryParseMagnitude(ReadOnlySpan<byte> text, out bool negative, out ulong magnitude)
    {
        magnitude = 0;
        negative = false;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] is (byte)'-' or (byte)'+')
        {
            negative = text[0] == (byte)'-';
            text = text[1..];
            if (text.IsEmpty)
            {
                return false;
            }
        }

        foreach (byte b in text)
        {
            uint digit = (uint)(b - '0');
            // Anything past 2^63 fails both callers, so stop before ulong could overflow.
            if (digit > 9 || magnitude > (ulong.MaxValue - 9) / 10)
            {
                return false;
            }

            magnitude = magnitude * 10 + digit;
        }

        return true;
    }
}
