using System.IO.Compression;
using System.Text;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Protocol.Tests.Messages;

/// <summary>The one inflater: zlib bodies come back as sent, and a zlib bomb stops at the cap without allocating.</summary>
public sealed class CompressedBodyTests
{
    private static readonly Lazy<byte[]> GibibyteOfZeros = new(() => Compress(1L << 30));

    private static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>zlib of <paramref name="zeros"/> zero bytes, written in 1 MiB slices so the test never holds them.</summary>
    private static byte[] Compress(long zeros)
    {
        var slice = new byte[1 << 20];
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (long written = 0; written < zeros; written += slice.Length)
            {
                zlib.Write(slice);
            }
        }

        return output.ToArray();
    }

    [Fact]
    public void A_zlib_body_inflates_to_what_was_compressed()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("hello compressed world ", 1000)));

        Assert.Equal(BodyInflateStatus.Inflated, CompressedBody.Inflate(Compress(text), CompressedBody.DefaultMaxInflatedSize, out var body));
        Assert.Equal(text, body);
    }

    [Fact]
    public void A_body_of_exactly_the_cap_inflates_and_one_byte_more_does_not()
    {
        var data = new byte[10_000];
        Random.Shared.NextBytes(data);
        var compressed = Compress(data);

        Assert.Equal(BodyInflateStatus.Inflated, CompressedBody.Inflate(compressed, 10_000, out var body));
        Assert.Equal(data, body);
        Assert.Equal(BodyInflateStatus.TooLarge, CompressedBody.Inflate(compressed, 9_999, out body));
        Assert.Empty(body);
    }

    [Fact]
    public void A_zlib_bomb_is_refused_with_a_clear_reason_and_bounded_allocation()
    {
        var bomb = GibibyteOfZeros.Value;
        Assert.True(bomb.Length < 2 << 20, $"the bomb is {bomb.Length} bytes compressed");

        long before = GC.GetAllocatedBytesForCurrentThread();
        var status = CompressedBody.Inflate(bomb, CompressedBody.DefaultMaxInflatedSize, out var body);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(BodyInflateStatus.TooLarge, status);
        Assert.Empty(body);
        // Pooled buffers up to twice the 4 MiB cap and the copy of the input, never the gibibyte.
        Assert.True(allocated < 3L * CompressedBody.DefaultMaxInflatedSize + 2L * bomb.Length, $"allocated {allocated} bytes");
        Assert.Equal("The compressed body inflates to more than 4194304 bytes (MaxMessageSize); it was not inflated.",
            CompressedBody.Describe(status, CompressedBody.DefaultMaxInflatedSize));
    }

    [Fact]
    public void A_bomb_in_a_message_leaves_the_message_as_stored()
    {
        var bomb = GibibyteOfZeros.Value;
        var message = new MessageExt { Body = bomb, SysFlag = MessageSysFlag.CompressedFlag };

        Assert.Equal(BodyInflateStatus.TooLarge, CompressedBody.InflateIfCompressed(message));
        Assert.Same(bomb, message.Body);
        Assert.Equal(MessageSysFlag.CompressedFlag, message.SysFlag & MessageSysFlag.CompressedFlag);
    }

    [Fact]
    public void A_message_body_inflates_and_loses_its_flag()
    {
        var text = Encoding.UTF8.GetBytes("payload");
        var message = new MessageExt { Body = Compress(text), SysFlag = MessageSysFlag.CompressedFlag };

        Assert.Equal(BodyInflateStatus.Inflated, CompressedBody.InflateIfCompressed(message));
        Assert.Equal(text, message.Body);
        Assert.Equal(0, message.SysFlag & MessageSysFlag.CompressedFlag);
    }

    [Fact]
    public void A_flagged_body_that_is_not_zlib_is_kept()
    {
        var raw = Encoding.UTF8.GetBytes("not zlib at all");
        var message = new MessageExt { Body = raw, SysFlag = MessageSysFlag.CompressedFlag };

        Assert.Equal(BodyInflateStatus.NotZlib, CompressedBody.InflateIfCompressed(message));
        Assert.Same(raw, message.Body);
    }

    [Fact]
    public void An_uncompressed_body_is_not_touched()
    {
        var raw = new byte[] { 0x78, 0x9c };
        var message = new MessageExt { Body = raw };

        Assert.Equal(BodyInflateStatus.NotCompressed, CompressedBody.InflateIfCompressed(message));
        Assert.Same(raw, message.Body);
    }
}
