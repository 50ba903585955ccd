using System.IO.Compression;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Consumer;

/// <summary>
/// Inflates bodies Java producers compressed (sysFlag COMPRESSED, zlib; Apache compresses bodies over 4 KiB by
/// default), as Apache's <c>MessageDecoder</c> does on the consumer side.
/// </summary>
internal static class MessageBodyCompression
{
    public static void InflateIfCompressed(MessageExt message)
    {
        if ((message.SysFlag & MessageSysFlag.CompressedFlag) == 0 || message.Body.Length == 0)
        {
            return;
        }

        try
        {
            using var input = new ZLibStream(new MemoryStream(message.Body), CompressionMode.Decompress);
            using var output = new MemoryStream(message.Body.Length * 4);
            input.CopyTo(output);
            message.Body = output.ToArray();
            message.SysFlag &= ~MessageSysFlag.CompressedFlag;
        }
        catch (InvalidDataException)
        {
            // Not zlib after all: hand the bytes over as stored rather than failing the whole pull.
        }
    }
}
