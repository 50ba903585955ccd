using System.Security.Cryptography;
using System.Text;

namespace RocketMQ.Orleans.Broker.Persistence;

/// <summary>
/// Maps grain types and keys to file-system names that are safe on every platform and never collide:
/// [A-Za-z0-9._-] pass through, every other UTF-8 byte becomes %XX (so "%RETRY%g" is "%25RETRY%25g").
/// Names that would exceed a file-system name limit are cut and suffixed with a hash of the whole key.
/// </summary>
internal static class GrainFileNames
{
    private const int MaxNameLength = 180;

    public static string Escape(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length + 8);
        foreach (var b in bytes)
        {
            if (IsSafe(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // "." and ".." are not file names of their own.
        if (builder.Length > 0 && builder.ToString().Trim('.').Length == 0)
        {
            builder.Replace(".", "%2E");
        }

        if (builder.Length <= MaxNameLength)
        {
            return builder.ToString();
        }

        var hash = Convert.ToHexString(SHA256.HashData(bytes), 0, 16);
        return string.Concat(builder.ToString(0, MaxNameLength - hash.Length - 1), "~", hash);
    }

    private static bool IsSafe(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'.' or (byte)'_' or (byte)'-';
}
