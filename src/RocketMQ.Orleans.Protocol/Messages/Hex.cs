namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>Upper-case hex as Apache <c>UtilAll.bytes2string</c>; parsing accepts either case.</summary>
internal static class Hex
{
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> dest)
    {
        if (hex.Length != dest.Length * 2)
        {
            return false;
        }

        for (int i = 0; i < dest.Length; i++)
        {
            int high = Nibble(hex[2 * i]);
            int low = Nibble(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            dest[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
