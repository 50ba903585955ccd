namespace RocketMQ.Orleans.Store.Index;

/// <summary>
/// Apache's index key hash: Java String.hashCode of "topic#key" (UTF-16 code units, h = 31h + c),
/// made non-negative with Math.abs, and Integer.MIN_VALUE (whose abs stays negative) mapped to 0.
/// Computed piecewise so no key string is built.
/// </summary>
internal static class IndexKeyHash
{
    public const char Separator = '#';

    public static int Of(string topic, ReadOnlySpan<char> key)
    {
        int h = Accumulate(0, topic);
        h = (31 * h) + Separator;
        h = Accumulate(h, key);
        return h == int.MinValue ? 0 : Math.Abs(h);
    }

    /// <summary>The same hash for a key given as UTF-8: ASCII bytes are the UTF-16 code units, anything else is decoded first.</summary>
    public static int OfUtf8(string topic, ReadOnlySpan<byte> keyUtf8)
    {
        int h = Accumulate(0, topic);
        h = (31 * h) + Separator;
        if (System.Text.Ascii.IsValid(keyUtf8))
        {
            foreach (byte b in keyUtf8)
            {
                h = (31 * h) + b;
            }
        }
        else
        {
            h = Accumulate(h, System.Text.Encoding.UTF8.GetString(keyUtf8));
        }

        return h == int.MinValue ? 0 : Math.Abs(h);
    }

    private static int Accumulate(int h, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            h = (31 * h) + c;
        }

        return h;
    }
}
