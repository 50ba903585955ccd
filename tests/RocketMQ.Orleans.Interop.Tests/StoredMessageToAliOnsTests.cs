using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Interop.Tests;

/// <summary>
/// C# stored-message encoding → ali-ons MessageDecoder.decodes, the code its consumer runs on every pull
/// response body. ali-ons has no stored-message encoder, so this layout is checked in this direction only.
/// </summary>
public sealed class StoredMessageToAliOnsTests
{
    private static readonly IPEndPoint StoreHost = new(IPAddress.Parse("192.168.7.21"), 10911);

    [Fact]
    public void Pull_body_of_encoded_messages_decodes_field_for_field_in_ali_ons()
    {
        var expected = SampleMessages();
        var pullBody = new List<byte>();
        for (int i = 0; i < expected.Count; i++)
        {
            // Both entry points are cross-checked: the MessageExt convenience and the span writer the store uses.
            pullBody.AddRange(i == 0 ? StoredMessageEncoder.Encode(expected[i].Message) : EncodeWithWriter(expected[i].Message));
        }

        var result = NodeRunner.Run(new { op = "decodeMessages", bodyHex = Convert.ToHexString(pullBody.ToArray()) });

        Assert.Equal(pullBody.Count, result["totalBytes"]!.GetValue<int>());
        Assert.Equal(pullBody.Count, result["consumedBytes"]!.GetValue<int>());
        var decoded = result["messages"]!.AsArray();
        Assert.Equal(expected.Count, decoded.Count);
        var storedBodyCrcs = result["storedBodyCrcs"]!.AsArray();

        for (int i = 0; i < expected.Count; i++)
        {
            AssertDecodedAsExpected(expected[i], decoded[i]!, storedBodyCrcs[i]!.GetValue<int>());
        }
    }

    [Fact]
    public void Offset_message_ids_parse_the_same_in_both_codecs()
    {
        var hosts = new[]
        {
            (Host: StoreHost, Offset: 0L),
            (Host: new IPEndPoint(IPAddress.Parse("10.0.0.1"), 9876), Offset: 0x1_2345_6789L),
            (Host: new IPEndPoint(IPAddress.Parse("255.254.253.252"), 65535), Offset: (1L << 52) + 17),
        };
        var ids = hosts.Select(h => MessageIds.CreateOffsetMessageId(h.Host, h.Offset)).ToArray();

        var parsed = NodeRunner.Run(new { op = "decodeMessageIds", ids })["ids"]!.AsArray();

        for (int i = 0; i < hosts.Length; i++)
        {
            Assert.Equal(hosts[i].Host.ToString(), parsed[i]!["address"]!.GetValue<string>());
            Assert.Equal(hosts[i].Offset, long.Parse(parsed[i]!["offset"]!.GetValue<string>()));
            Assert.True(MessageIds.TryParseOffsetMessageId(ids[i], out var host, out long offset));
            Assert.Equal(hosts[i].Host, host);
            Assert.Equal(hosts[i].Offset, offset);
        }
    }

    [Fact]
    public void Tags_codes_equal_ali_ons_string_hash_codes()
    {
        string[] tags = ["TagA", "", "*", "tag-with-a-rather-long-name-that-overflows-int32", "中文标签", "emoji🚀", "a || b"];

        var hashes = NodeRunner.Run(new { op = "hashCodes", strings = tags })["hashes"]!.AsArray();

        for (int i = 0; i < tags.Length; i++)
        {
            long aliOns = hashes[i]!.GetValue<int>();
            Assert.Equal(aliOns, TagsCode.Of(tags[i]));
            Assert.Equal(aliOns, TagsCode.Of(Encoding.UTF8.GetBytes(tags[i])));
        }
    }

    private static void AssertDecodedAsExpected(Sample sample, JsonNode actual, int storedBodyCrc)
    {
        var expected = sample.Message;
        Assert.Equal(expected.Topic, actual["topic"]!.GetValue<string>());
        Assert.Equal(expected.QueueId, actual["queueId"]!.GetValue<int>());
        Assert.Equal(expected.Flag, actual["flag"]!.GetValue<int>());
        Assert.Equal(expected.QueueOffset, ReadLong(actual, "queueOffset"));
        Assert.Equal(expected.CommitLogOffset, ReadLong(actual, "commitLogOffset"));
        Assert.Equal(expected.SysFlag, actual["sysFlag"]!.GetValue<int>());
        Assert.Equal(expected.BornTimestamp, ReadLong(actual, "bornTimestamp"));
        Assert.Equal(Ipv4(expected.BornHost), actual["bornHost"]!.GetValue<string>());
        Assert.Equal(expected.StoreTimestamp, ReadLong(actual, "storeTimestamp"));
        Assert.Equal(Ipv4(expected.StoreHost), actual["storeHost"]!.GetValue<string>());
        Assert.Equal(expected.ReconsumeTimes, actual["reconsumeTimes"]!.GetValue<int>());
        Assert.Equal(expected.PreparedTransactionOffset, ReadLong(actual, "preparedTransactionOffset"));
        Assert.Equal(StoredLength(expected), actual["storeSize"]!.GetValue<int>());

        // ali-ons reads the CRC field; zlib.crc32 & 0x7FFFFFFF over the stored body bytes is Apache's UtilAll.crc32.
        Assert.Equal(storedBodyCrc, actual["bodyCRC"]!.GetValue<int>());

        // ali-ons inflates bodies whose sys flag has CompressedFlag, so it must see the original bytes.
        Assert.Equal(Convert.ToHexString(sample.OriginalBody), actual["bodyHex"]!.GetValue<string>(), ignoreCase: true);

        var properties = actual["properties"]!.AsObject()
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(expected.Properties.OrderBy(p => p.Key), properties.OrderBy(p => p.Key));
        Assert.Equal(expected.Tags, actual["tags"]?.GetValue<string>());
        Assert.Equal(expected.Keys, actual["keys"]?.GetValue<string>());

        string msgId = actual["msgId"]!.GetValue<string>();
        Assert.Equal(MessageIds.CreateOffsetMessageId(expected.StoreHost, expected.CommitLogOffset), msgId);
    }

    /// <summary>A message as stored, and the body a consumer must see (differs when the stored body is compressed).</summary>
    private sealed record Sample(MessageExt Message, byte[] OriginalBody);

    private static List<Sample> SampleMessages()
    {
        var binary = Enumerable.Range(0, 256).Select(i => (byte)(255 - i)).ToArray();
        var plain = new MessageExt
        {
            Topic = "TopicTest",
            QueueId = 3,
            Flag = 0x0102,
            QueueOffset = 41,
            CommitLogOffset = 0x1_0000_0010L,
            SysFlag = MessageSysFlag.MultiTagsFlag,
            BornTimestamp = 1_764_000_000_123L,
            BornHost = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 50123),
            StoreTimestamp = 1_764_000_000_456L,
            StoreHost = StoreHost,
            Body = binary,
            Properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MessageConst.PropertyTags] = "TagA",
                [MessageConst.PropertyKeys] = string.Join(MessageConst.KeySeparator, "order-1", "order-2", "订单-3"),
                [MessageConst.PropertyUniqClientMessageIdKeyidx] = UniqueKeyGenerator.Create(),
                [MessageConst.PropertyWaitStoreMsgOk] = "true",
                ["city"] = "Zürich",
                ["note"] = "消息 ✓ 🚀 \"quoted\" \\ / <tag>",
            },
        };

        var original = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("compressible payload ", 300)));
        var retried = new MessageExt
        {
            Topic = "%RETRY%consumer_group-1",
            QueueId = 0,
            QueueOffset = 7,
            CommitLogOffset = plain.CommitLogOffset + StoredLength(plain),
            SysFlag = MessageSysFlag.CompressedFlag,
            BornTimestamp = 1_764_000_001_000L,
            // A dual-mode socket reports IPv4 peers as IPv4-mapped IPv6; ali-ons only reads the IPv4 layout.
            BornHost = new IPEndPoint(IPAddress.Parse("::ffff:10.0.0.7"), 40001),
            StoreTimestamp = 1_764_000_001_500L,
            StoreHost = StoreHost,
            ReconsumeTimes = 2,
            PreparedTransactionOffset = 0x7_0000_0001L,
            Body = Deflate(original),
            Properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MessageConst.PropertyRetryTopic] = "TopicTest",
                [MessageConst.PropertyTags] = "TagB",
                [MessageConst.PropertyKeys] = "only-key",
                [MessageConst.PropertyDelayTimeLevel] = "3",
                ["ORIGIN_MESSAGE_ID"] = MessageIds.CreateOffsetMessageId(StoreHost, 12345),
            },
        };

        var bare = new MessageExt
        {
            Topic = "T",
            QueueId = 1,
            QueueOffset = 0,
            CommitLogOffset = retried.CommitLogOffset + StoredLength(retried),
            BornTimestamp = 1,
            BornHost = new IPEndPoint(IPAddress.Parse("127.0.0.1"), 1),
            StoreTimestamp = 2,
            StoreHost = StoreHost,
        };

        return [new(plain, plain.Body), new(retried, original), new(bare, bare.Body)];
    }

    private static byte[] EncodeWithWriter(MessageExt message)
    {
        var topic = Encoding.UTF8.GetBytes(message.Topic);
        var properties = MessageProperties.EncodeUtf8(message.Properties);
        var header = StoredMessageHeader.From(message);
        var buffer = new byte[StoredMessageLayout.ComputeLength(message.SysFlag, message.Body.Length, topic.Length, properties.Length)];
        int written = StoredMessageEncoder.Write(buffer, header, message.Body, topic, properties);
        Assert.Equal(buffer.Length, written);
        return buffer;
    }

    private static int StoredLength(MessageExt message) =>
        StoredMessageLayout.ComputeLength(
            message.SysFlag,
            message.Body.Length,
            Encoding.UTF8.GetByteCount(message.Topic),
            MessageProperties.EncodeUtf8(message.Properties).Length);

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static string Ipv4(IPEndPoint endPoint) =>
        $"{(endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address)}:{endPoint.Port}";

    private static long ReadLong(JsonNode node, string name) => long.Parse(node[name]!.GetValue<string>());
}
