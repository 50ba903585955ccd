using System.Buffers.Binary;
using System.Net;
using System.Text;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Protocol.Tests.Messages;

public sealed class StoredMessageTests
{
    private static readonly IPEndPoint V4Born = new(IPAddress.Parse("10.0.0.7"), 53012);
    private static readonly IPEndPoint V4Store = new(IPAddress.Parse("192.168.0.1"), 10911);
    private static readonly IPEndPoint V6Born = new(IPAddress.Parse("2001:db8::7"), 53012);
    private static readonly IPEndPoint V6Store = new(IPAddress.Parse("fe80::1:2:3:4"), 10911);

    public static TheoryData<string, string> Hosts => new()
    {
        { "10.0.0.7:53012", "192.168.0.1:10911" },
        { "[2001:db8::7]:53012", "192.168.0.1:10911" },
        { "10.0.0.7:53012", "[fe80::1:2:3:4]:10911" },
        { "[2001:db8::7]:53012", "[fe80::1:2:3:4]:10911" },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Encode_then_decode_keeps_every_field(string born, string store)
    {
        var message = Sample(IPEndPoint.Parse(born), IPEndPoint.Parse(store));

        byte[] bytes = StoredMessageEncoder.Encode(message);
        var decoded = StoredMessageDecoder.Decode(bytes);

        Assert.Equal(bytes.Length, decoded.StoreSize);
        Assert.Equal(message.Topic, decoded.Topic);
        Assert.Equal(message.Flag, decoded.Flag);
        Assert.Equal(message.Body, decoded.Body);
        Assert.Equal(message.Properties, decoded.Properties);
        Assert.Equal(message.QueueId, decoded.QueueId);
        Assert.Equal(message.QueueOffset, decoded.QueueOffset);
        Assert.Equal(message.CommitLogOffset, decoded.CommitLogOffset);
        Assert.Equal(message.BornTimestamp, decoded.BornTimestamp);
        Assert.Equal(message.StoreTimestamp, decoded.StoreTimestamp);
        Assert.Equal(message.BornHost, decoded.BornHost);
        Assert.Equal(message.StoreHost, decoded.StoreHost);
        Assert.Equal(message.ReconsumeTimes, decoded.ReconsumeTimes);
        Assert.Equal(message.PreparedTransactionOffset, decoded.PreparedTransactionOffset);
        Assert.Equal(StoredMessageEncoder.ComputeBodyCrc(message.Body), decoded.BodyCrc);
        Assert.Equal(MessageIds.CreateOffsetMessageId(message.StoreHost, message.CommitLogOffset), decoded.MsgId);
        Assert.Equal(message.UniqueKey, decoded.UniqueKey);
        Assert.Equal("TagA", decoded.Tags);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Host_families_set_the_sys_flag_bits_and_the_length(string born, string store)
    {
        var message = Sample(IPEndPoint.Parse(born), IPEndPoint.Parse(store));
        message.SysFlag = MessageSysFlag.BornHostV6Flag | MessageSysFlag.StoreHostAddressV6Flag | MessageSysFlag.MultiTagsFlag;

        byte[] bytes = StoredMessageEncoder.Encode(message);

        int sysFlag = StoredMessageLayout.ReadSysFlag(bytes);
        bool bornV6 = message.BornHost.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        bool storeV6 = message.StoreHost.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        Assert.Equal(bornV6, (sysFlag & MessageSysFlag.BornHostV6Flag) != 0);
        Assert.Equal(storeV6, (sysFlag & MessageSysFlag.StoreHostAddressV6Flag) != 0);
        Assert.Equal(MessageSysFlag.MultiTagsFlag, sysFlag & MessageSysFlag.MultiTagsFlag);
        int topicLength = Encoding.UTF8.GetByteCount(message.Topic);
        int propertiesLength = MessageProperties.EncodeUtf8(message.Properties).Length;
        Assert.Equal(StoredMessageLayout.ComputeLength(sysFlag, message.Body.Length, topicLength, propertiesLength), bytes.Length);
        Assert.Equal(91 + message.Body.Length + topicLength + propertiesLength + (bornV6 ? 12 : 0) + (storeV6 ? 12 : 0), bytes.Length);
    }

    [Fact]
    public void IPv4_layout_matches_Apache_positions_byte_for_byte()
    {
        var header = new StoredMessageHeader
        {
            QueueId = 3, Flag = 4, QueueOffset = 5, PhysicalOffset = 6, SysFlag = 0, BornTimestamp = 7,
            BornHost = V4Born, StoreTimestamp = 8, StoreHost = V4Store, ReconsumeTimes = 9, PreparedTransactionOffset = 10,
        };
        var dest = new byte[200];

        int length = StoredMessageEncoder.Write(dest, header, "hello"u8, "T"u8, "a\u0001b"u8);

        Assert.Equal(91 + 5 + 1 + 3, length);
        string hex = Convert.ToHexString(dest, 0, length);
        Assert.Equal(
            "00000064" + "DAA320A7" + "3610A686" + "00000003" + "00000004" + "0000000000000005" + "0000000000000006" + "00000000"
            + "0000000000000007" + "0A000007" + "0000CF14" + "0000000000000008" + "C0A80001" + "00002A9F" + "00000009"
            + "000000000000000A" + "00000005" + "68656C6C6F" + "01" + "54" + "0003" + "610162",
            hex);
        Assert.Equal(48, StoredMessageLayout.BornHostPosition);
        Assert.Equal(56, StoredMessageLayout.StoreTimestampPosition(0));
        Assert.Equal(68, StoredMessageLayout.StoreTimestampPosition(MessageSysFlag.BornHostV6Flag));
    }

    [Fact]
    public void Body_crc_is_crc32_without_the_sign_bit()
    {
        Assert.Equal(907060870, StoredMessageEncoder.ComputeBodyCrc("hello"u8));
        // CRC-32 of "123456789" is 0xCBF43926; Apache clears the top bit.
        Assert.Equal(0x4BF43926, StoredMessageEncoder.ComputeBodyCrc("123456789"u8));
    }

    [Fact]
    public void Layout_writers_patch_offsets_and_store_timestamp_in_place()
    {
        byte[] bytes = StoredMessageEncoder.Encode(Sample(V6Born, V4Store));

        StoredMessageLayout.WriteQueueOffset(bytes, 77);
        StoredMessageLayout.WritePhysicalOffset(bytes, 88);
        StoredMessageLayout.WriteStoreTimestamp(bytes, 99);

        Assert.True(StoredMessageView.TryParse(bytes, out var view));
        Assert.Equal(77, view.QueueOffset);
        Assert.Equal(88, view.PhysicalOffset);
        Assert.Equal(99, view.StoreTimestamp);
        Assert.Equal(99, StoredMessageLayout.ReadStoreTimestamp(bytes));
        Assert.Equal(V6Born, view.GetBornHost());
        Assert.Equal(V4Store, view.GetStoreHost());
        Assert.Equal("TopicTest", view.GetTopic());
    }

    [Fact]
    public void IPv4_mapped_IPv6_hosts_are_stored_as_IPv4()
    {
        var mapped = new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 1234);
        var message = Sample(mapped, mapped);

        var decoded = StoredMessageDecoder.Decode(StoredMessageEncoder.Encode(message));

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 1234), decoded.BornHost);
        Assert.Equal(0, decoded.SysFlag & (MessageSysFlag.BornHostV6Flag | MessageSysFlag.StoreHostAddressV6Flag));
        Assert.Equal(32, decoded.MsgId!.Length);
    }

    [Fact]
    public void DecodeAll_reads_a_pull_body_and_stops_at_garbage()
    {
        byte[] a = StoredMessageEncoder.Encode(Sample(V4Born, V4Store));
        var second = Sample(V6Born, V6Store);
        second.QueueOffset = 43;
        byte[] b = StoredMessageEncoder.Encode(second);

        var all = StoredMessageDecoder.DecodeAll([.. a, .. b, 1, 2, 3]);

        Assert.Equal(2, all.Count);
        Assert.Equal(43, all[1].QueueOffset);
        Assert.Empty(StoredMessageDecoder.DecodeAll(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Decode_without_body_skips_it()
    {
        var decoded = StoredMessageDecoder.Decode(StoredMessageEncoder.Encode(Sample(V4Born, V4Store)), readBody: false);

        Assert.Empty(decoded.Body);
        Assert.Equal("TopicTest", decoded.Topic);
    }

    [Fact]
    public void Every_truncation_and_random_corruption_is_rejected_or_parsed_without_throwing()
    {
        foreach (byte[] bytes in new[] { StoredMessageEncoder.Encode(Sample(V4Born, V4Store)), StoredMessageEncoder.Encode(Sample(V6Born, V6Store)) })
        {
            for (int length = 0; length < bytes.Length; length++)
            {
                Assert.False(StoredMessageView.TryParse(bytes.AsSpan(0, length), out _));
            }

            var random = new Random(7);
            for (int i = 0; i < 2000; i++)
            {
                byte[] copy = (byte[])bytes.Clone();
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                if (StoredMessageView.TryParse(copy, out var view))
                {
                    Assert.Equal(view.TotalSize, BinaryPrimitives.ReadInt32BigEndian(copy));
                    StoredMessageDecoder.ToMessage(view);
                }
            }
        }
    }

    [Fact]
    public void Oversized_topic_and_properties_are_refused()
    {
        var header = new StoredMessageHeader();
        var dest = new byte[70_000];

        Assert.Throws<ArgumentException>(() => StoredMessageEncoder.Write(dest, header, default, new byte[128], default));
        Assert.Throws<ArgumentException>(() => StoredMessageEncoder.Write(dest, header, default, "T"u8, new byte[32768]));
        Assert.Throws<ArgumentException>(() => StoredMessageEncoder.Write(new byte[50], header, default, "T"u8, default));
    }

    [Fact]
    public void Wrong_magic_code_is_rejected()
    {
        byte[] bytes = StoredMessageEncoder.Encode(Sample(V4Born, V4Store));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), StoredMessageLayout.BlankMagicCode);

        Assert.False(StoredMessageView.TryParse(bytes, out _));
        Assert.Throws<InvalidDataException>(() => StoredMessageDecoder.Decode(bytes));
    }

    internal static MessageExt Sample(IPEndPoint born, IPEndPoint store) => new()
    {
        Topic = "TopicTest",
        Flag = 5,
        Body = Encoding.UTF8.GetBytes("Hello RocketMQ ✓"),
        Properties = new()
        {
            [MessageConst.PropertyTags] = "TagA",
            [MessageConst.PropertyKeys] = "k1 k2",
            [MessageConst.PropertyUniqClientMessageIdKeyidx] = "0A0000070B2C18B4AAC2000000000001",
            ["user"] = "välue",
        },
        QueueId = 2,
        QueueOffset = 42,
        CommitLogOffset = 123_456_789,
        BornTimestamp = 1_700_000_000_000,
        StoreTimestamp = 1_700_000_000_123,
        BornHost = born,
        StoreHost = store,
        ReconsumeTimes = 1,
        PreparedTransactionOffset = 0,
    };
}
