using System.IO.Compression;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// Inflates zlib bodies (sysFlag COMPRESSED, set by Java producers above 4 KiB) of messages the console pulls itself,
/// so the body view shows what the producer sent. Output is capped: a console page never holds more than that.
/// </summary>
internal static class CompressedBodies
{
    private const int MaxInflatedBytes = 4 * 1024 * 1024;

    public static void Inflate(MessageExt message)
    {
        if ((message.SysFlag & MessageSysFlag.CompressedFlag) == 0 || message.Body.Length == 0)
        {
            return;
        }

        try
        {
            using var input = new ZLibStream(new MemoryStream(message.Body), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = input.Read(buffer)) > 0 && output.Length < MaxInflatedBytes)
            {
                output.Write(buffer, 0, Math.Min(read, MaxInflatedBytes - (int)output.Length));
            }

            message.Body = output.ToArray();
            message.SysFlag &= ~MessageSysFlag.CompressedFlag;
        }
        catch (InvalidDataException)
        {
            // Not zlib after all: show the stored bytes.
        }
    }
}
