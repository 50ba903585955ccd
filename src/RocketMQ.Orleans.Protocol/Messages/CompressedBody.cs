using System.Buffers;
using System.IO.Compression;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>
/// The one inflater of bodies Java producers compress (sysFlag COMPRESSED, zlib; Apache compresses bodies over 4 KiB
/// by default), for the client library, the stream provider and the console alike. Its output is capped: a few KiB
/// of zlib can claim gigabytes, so it reads at most one byte past the cap into pooled buffers and stops there, and
/// only a body within the cap is ever allocated for the caller.
/// </summary>
public static class CompressedBody
{
    /// <summary>Apache's default maxMessageSize (4 MiB): no producer can have sent a larger body.</summary>
    public const int DefaultMaxInflatedSize = 4 * 1024 * 1024;

    /// <summary>Inflates <paramref name="compressed"/> when it is zlib data of at most <paramref name="maxInflatedSize"/> bytes.</summary>
    public static BodyInflateStatus Inflate(ReadOnlySpan<byte> compressed, int maxInflatedSize, out byte[] body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxInflatedSize);
        body = [];
        byte[] input = ArrayPool<byte>.Shared.Rent(Math.Max(1, compressed.Length));
        // One byte past the cap tells "exactly the cap" from "more".
        long limit = (long)maxInflatedSize + 1;
        byte[] output = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, Math.Max(4096L, compressed.Length * 4L)));
        try
        {
            compressed.CopyTo(input);
            using var zlib = new ZLibStream(new MemoryStream(input, 0, compressed.Length, writable: false), CompressionMode.Decompress);
            int length = 0;
            while (true)
            {
                if (length == output.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, output.Length * 2L));
                    output.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(output);
                    output = larger;
                }

                int room = (int)Math.Min(output.Length, limit) - length;
                int read = zlib.Read(output, length, room);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxInflatedSize)
                {
                    return BodyInflateStatus.TooLarge;
                }
            }

            body = output.AsSpan(0, length).ToArray();
            return BodyInflateStatus.Inflated;
        }
        catch (InvalidDataException)
        {
            return BodyInflateStatus.NotZlib;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>
    /// Replaces a COMPRESSED body with its inflated bytes and clears the flag, as Apache's MessageDecoder does on the
    /// consumer side. A body that is not zlib or inflates past <paramref name="maxInflatedSize"/> is left as stored,
    /// flag included; the status says which (<see cref="Describe"/> words it).
    /// </summary>
    public static BodyInflateStatus InflateIfCompressed(MessageExt message, int maxInflatedSize = DefaultMaxInflatedSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        if ((message.SysFlag & MessageSysFlag.CompressedFlag) == 0 || message.Body.Length == 0)
        {
            return BodyInflateStatus.NotCompressed;
        }

        var status = Inflate(message.Body, maxInflatedSize, out var body);
        if (status == BodyInflateStatus.Inflated)
        {
            message.Body = body;
            message.SysFlag &= ~MessageSysFlag.CompressedFlag;
        }

        return status;
    }

    /// <summary>The reason a body was not inflated, for logs and error messages.</summary>
    public static string Describe(BodyInflateStatus status, int maxInflatedSize) => status switch
    {
        BodyInflateStatus.TooLarge => $"The compressed body inflates to more than {maxInflatedSize} bytes (MaxMessageSize); it was not inflated.",
        BodyInflateStatus.NotZlib => "The body is flagged COMPRESSED but is not zlib data; it was not inflated.",
        _ => status.ToString(),
    };
}
