using System.Buffers.Binary;
using System.Text.RegularExpressions;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Protocol.Tests.Messages;

public sealed partial class UniqueKeyGeneratorTests
{
    [Fact]
    public void Keys_are_32_upper_hex_chars_sharing_the_process_prefix()
    {
        string first = UniqueKeyGenerator.Create();
        string second = UniqueKeyGenerator.Create();

        Assert.Matches(UpperHex(), first);
        Assert.Matches(UpperHex(), second);
        Assert.NotEqual(first, second);
        Assert.Equal(first[..20], second[..20]);
    }

    [Fact]
    public void Key_layout_is_prefix_then_month_millis_then_counter()
    {
        byte[] prefix = Convert.FromHexString("C0A80001" + "04D2" + "DEADBEEF");

        string key = UniqueKeyGenerator.Create(prefix, 0x01020304, 0x1_0005);

        Assert.Equal("C0A8000104D2DEADBEEF" + "01020304" + "0005", key);
    }

    [Fact]
    public void Pid_and_time_since_month_start_are_encoded()
    {
        byte[] bytes = Convert.FromHexString(UniqueKeyGenerator.Create());

        Assert.Equal(unchecked((short)Environment.ProcessId), BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(4)));
        var now = DateTime.Now;
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Local);
        double expected = (now - monthStart).TotalMilliseconds;
        int actual = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(10));
        // Allow an hour for a DST shift inside the month plus test scheduling.
        Assert.InRange(actual, expected - 3_700_000, expected + 3_700_000);
    }

    [Fact]
    public void Counter_increments_by_one()
    {
        byte[] a = Convert.FromHexString(UniqueKeyGenerator.Create());
        byte[] b = Convert.FromHexString(UniqueKeyGenerator.Create());

        ushort ca = BinaryPrimitives.ReadUInt16BigEndian(a.AsSpan(14));
        ushort cb = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(14));
        Assert.True(unchecked((ushort)(cb - ca)) >= 1); // other tests may create keys concurrently
    }

    [GeneratedRegex("^[0-9A-F]{32}$")]
    private static partial Regex UpperHex();
}
