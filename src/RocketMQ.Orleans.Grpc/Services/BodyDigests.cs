using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using Apache.Rocketmq.V2;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>Body digests of RocketMQ v2 messages: checked on send, given on delivery.</summary>
internal static class BodyDigests
{
    /// <summary>Uppercase MD5 hex: the one form both Apache's C# and Node clients accept on delivery.</summary>
    public static Digest Md5(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(body, hash);
        return new Digest { Type = DigestType.Md5, Checksum = Convert.ToHexString(hash) };
    }

    /// <summary>True when the digest matches the body (or names no algorithm); CRC32 in decimal or hex, hex in any case.</summary>
    public static bool Matches(Digest? digest, ReadOnlySpan<byte> body)
    {
        if (digest is null || digest.Type == DigestType.Unspecified || string.IsNullOrEmpty(digest.Checksum))
        {
            return true;
        }

        switch (digest.Type)
        {
            case DigestType.Crc32:
                var crc = Crc32.HashToUInt32(body);
                return (uint.TryParse(digest.Checksum, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) && dec == crc)
                    || (uint.TryParse(digest.Checksum, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) && hex == crc);
            case DigestType.Md5:
                return string.Equals(Convert.ToHexString(MD5.HashData(body)), digest.Checksum, StringComparison.OrdinalIgnoreCase);
            case DigestType.Sha1:
                return string.Equals(Convert.ToHexString(SHA1.HashData(body)), digest.Checksum, StringComparison.OrdinalIgnoreCase);
            default:
                return true;
        }
    }
}
