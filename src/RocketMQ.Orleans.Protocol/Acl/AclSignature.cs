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

    [ThreadStatic]
    private static SortScratch? _scratch;

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
        // A request's fields are a dozen or so: sorted by insertion in per-thread arrays, with no comparer interface
        // and no rented arrays. A request with more (only a hostile one) takes the pooled O(n log n) path.
        if (extFields.Count > SortScratch.Capacity)
        {
            AppendSortedValuesPooled(hash, extFields);
            return;
        }

        var scratch = _scratch ??= new SortScratch();
        var keys = scratch.Keys;
        var values = scratch.Values;
        var count = 0;
        var maxBytes = 0;
        foreach (var (key, value) in extFields)
        {
            if (key is AclFields.Signature or AclFields.UniqueKeyQuery || value is null)
            {
                continue;
            }

            var at = count++;
            while (at > 0 && string.CompareOrdinal(keys[at - 1], key) > 0)
            {
                keys[at] = keys[at - 1];
                values[at] = values[at - 1];
                at--;
            }

            keys[at] = key;
            values[at] = value;
            maxBytes += Encoding.UTF8.GetMaxByteCount(value.Length);
        }

        if (maxBytes <= scratch.Bytes.Length)
        {
            hash.AppendData(scratch.Bytes, 0, EncodeValues(values.AsSpan(0, count), scratch.Bytes));
        }
        else
        {
            var buffer = ArrayPool<byte>.Shared.Rent(maxBytes);
            hash.AppendData(buffer, 0, EncodeValues(values.AsSpan(0, count), buffer));
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // The strings are the request's; the scratch must not keep them alive.
        keys.AsSpan(0, count).Clear();
        values.AsSpan(0, count).Clear();
    }

    private static void AppendSortedValuesPooled(IncrementalHash hash, Dictionary<string, string> extFields)
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
            hash.AppendData(buffer, 0, EncodeValues(values.AsSpan(0, count), buffer));
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

    private static int EncodeValues(ReadOnlySpan<string> values, byte[] destination)
    {
        var written = 0;
        foreach (var value in values)
        {
            written += Encoding.UTF8.GetBytes(value, destination.AsSpan(written));
        }

        return written;
    }

    /// <summary>One thread's arrays for sorting and encoding a request's field values (a signature is computed synchronously).</summary>
    private sealed class SortScratch
    {
        public const int Capacity = 32;

        public readonly string[] Keys = new string[Capacity];

        public readonly string[] Values = new string[Capacity];

        /// <summary>A send's values (properties included) fit; a larger header rents.</summary>
        public readonly byte[] Bytes = new byte[4096];
    }
}
