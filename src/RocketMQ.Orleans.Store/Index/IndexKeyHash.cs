namespace RocketMQ.Orleans.Store.Index;

/// <summary>
/// Apache's index key hash: Java String.hashCode of "topic#key" (UTF-16 code units, h = 31h + c),
/// made non-negative with Math.abs, and Integer.MIN_VALUE (whose abs stays negative) mapped to 0.
/// Computed piecewise so no key string is built.
/// </summary>
internal static class IndexKeyHash
{
    public const char Separator = '#';

    public static int Of(string topic, string key)
    {
        int h = Accumulate(0, topic);
        h = (31 * h) + Separator;
        h = Accumulate(h, key);
        return h == int.MinValue ? 0 : Math.Abs(h);
    }

    private static int Accumulate(int h, string text)
    {
        foreach (char c in text)
        {
            h = (31 * h) + c;
        }

        return h;
    }
}
