using System.Security.Cryptography;
using System.Text;

namespace RocketMQ.Orleans.Protocol.Acl;

/// <summary>
/// HMAC-SHA1 keyed by one secret key, with a small lock-free pool of keyed hash objects so signing a request
/// allocates nothing once warm (creating an HMAC per request costs a native handle and the key schedule).
/// </summary>
public sealed class AclHmac : IDisposable
{
    private readonly byte[] _key;
    private readonly IncrementalHash?[] _pool = new IncrementalHash?[Math.Max(4, Environment.ProcessorCount * 2)];

    public AclHmac(string secretKey)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        _key = Encoding.UTF8.GetBytes(secretKey);
    }

    /// <summary>HMAC-SHA1 of <paramref name="data"/> into <paramref name="digest"/> (20 bytes).</summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        var hash = Rent();
        hash.AppendData(data);
        hash.GetHashAndReset(digest);
        Return(hash);
    }

    internal IncrementalHash Rent()
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.Exchange(ref _pool[i], null) is { } hash)
            {
                return hash;
            }
        }

        return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, _key);
    }

    /// <summary>Takes back a hash whose state was reset by <see cref="IncrementalHash.GetHashAndReset(Span{byte})"/>.</summary>
    internal void Return(IncrementalHash hash)
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _pool[i], hash, null) is null)
            {
                return;
            }
        }

        hash.Dispose();
    }

    public void Dispose()
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }
    }
}
