using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace RocketMQ.Orleans.Protocol.Acl;

/// <summary>
/// The request signature of RocketMQ ACL 1.0, as Java's <c>AclClientRPCHook</c> and ali-ons compute it and Apache's
/// broker checks it (<c>AclUtils.combineRequestContent</c>): HMAC-SHA1, keyed by the secret key, over the values of
/// the ext fields sorted by name (ordinal, as Java's <c>TreeMap</c> of strings) without <c>Signature</c>, followed by
/// the body; base64. The body is hashed in place, never copied; the field values go through a pooled buffer.
/// </summary>
public static class AclSignature
{
    /// <summary>Characters of a base64 HMAC-SHA1 (20 bytes).</summary>
    public const int Length = 28;

    /// <summary>The base64 signature of <paramref name="extFields"/> and <paramref name="body"/>.</summary>
    public static string Sign(Dictionary<string, string>? extFields, ReadOnlySpan<byte> body, AclHmac hmac)
    {
        Span<char> signature = stackalloc char[Length];
        Compute(extFields, body, hmac, signature);
        return new string(signature);
    }

    /// <summary>True when <paramref name="signature"/> is exactly the signature of the request (compared in constant time).</summary>
    public static bool Verify(Dictionary<string, string>? extFields, ReadOnlySpan<byte> body, AclHmac hmac, string? signature)
    {
        if (signature is null || signature.Length != Length)
        {
            return false;
        }

        Span<char> expected = stackalloc char[Length];
        Compute(extFields, body, hmac, expected);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(signature.AsSpan()));
    }

    private static void Compute(Dictionary<string, string>? extFields, ReadOnlySpan<byte> body, AclHmac hmac, Span<char> destination)
    {
        var hash = hmac.Rent();
        try
        {
            if (extFields is { Count: > 0 })
            {
                AppendSortedValues(hash, extFields);
            }

            hash.AppendData(body);
            Span<byte> digest = stackalloc byte[20];
            hash.GetHashAndReset(digest);
            Convert.TryToBase64Chars(digest, destination, out _);
        }
        catch
        {
            // A hash left mid-computation must not go back to the pool.
            hash.Dispose();
            throw;
        }

        hmac.Return(hash);
    }

    private static void AppendSortedValues(IncrementalHash hash, Dictionary<string, string> extFields)
    {
        var keys = ArrayPool<string>.Shared.Rent(extFields.Count);
        var values = ArrayPool<string>.Shared.Rent(extFields.Count);
        var count = 0;
        var maxBytes = 0;
        foreach (var (key, value) in extFields)
        {
            if (key is AclFields.Signature or AclFields.UniqueKeyQuery || value is null)
            {
                continue;
            }

            keys[count] = key;
            values[count++] = value;
            maxBytes += Encoding.UTF8.GetMaxByteCount(value.Length);
        }

        Array.Sort(keys, values, 0, count, StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var written = 0;
            for (var i = 0; i < count; i++)
            {
                written += Encoding.UTF8.GetBytes(values[i], buffer.AsSpan(written));
            }

            hash.AppendData(buffer, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Array.Clear(keys, 0, count);
            Array.Clear(values, 0, count);
            ArrayPool<string>.Shared.Return(keys);
            ArrayPool<string>.Shared.Return(values);
        }
    }
}
