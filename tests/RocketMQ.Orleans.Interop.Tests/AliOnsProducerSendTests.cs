using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests;

/// <summary>
/// SEND_MESSAGE_V2 frames produced by ali-ons' own producer path (MQProducer.sendKernelImpl →
/// MQClientAPI.sendMessage → Channel.invoke with request signing), the socket replaced by a capture.
/// This is the JS → C# direction for messages: ali-ons has no stored-message or batch encoder.
/// </summary>
public sealed class AliOnsProducerSendTests
{
    [Fact]
    public void Send_message_v2_with_tags_keys_and_properties_decodes_to_the_message_ali_ons_sent()
    {
        var body = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        var userProperties = new Dictionary<string, string> { ["city"] = "Zürich", ["note"] = "消息 ✓ 🚀 \"quoted\"" };

        var sent = AliOnsProducer.Send(body, userProperties, "order-1", "order-2", "订单-3");
        var command = Frames.ReadSingle(sent.Frame);

        Assert.Equal(RequestCode.SendMessageV2, command.Code);
        Assert.Equal(LanguageCode.JAVA, command.Language);
        Assert.Equal(121, command.Version);
        Assert.Equal(sent.Opaque, command.Opaque);
        Assert.False(command.IsResponse);
        Assert.Equal(body, command.Body.ToArray());
        AssertSignedByAliOns(command);

        // The broker reads V2 ext fields (a..n) and works on the v1 form, as Apache does.
        var header = SendMessageRequestHeaderV2.FromExtFields(command.ExtFields!).ToV1();
        Assert.Equal("PID_interop", header.ProducerGroup);
        Assert.Equal("TopicTest", header.Topic);
        Assert.Equal("TBW102", header.DefaultTopic);
        Assert.Equal(4, header.DefaultTopicQueueNums);
        Assert.Equal(2, header.QueueId);
        Assert.Equal(0, header.SysFlag);
        Assert.Equal(sent.BornTimestamp, header.BornTimestamp);
        Assert.Equal(0, header.Flag);
        Assert.Equal(0, header.ReconsumeTimes);
        Assert.False(header.UnitMode);
        Assert.Null(header.MaxReconsumeTimes);
        Assert.False(header.Batch);

        // ali-ons ends the properties with a separator (Apache 4.9 does not); both must decode alike.
        Assert.EndsWith("\u0002", header.Properties);
        var properties = MessageProperties.Decode(header.Properties!);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [MessageConst.PropertyTags] = "TagA",
                [MessageConst.PropertyKeys] = "order-1 order-2 订单-3",
                [MessageConst.PropertyDelayTimeLevel] = "3",
                ["city"] = "Zürich",
                ["note"] = "消息 ✓ 🚀 \"quoted\"",
            }.OrderBy(p => p.Key),
            properties.OrderBy(p => p.Key));

        var utf8 = Encoding.UTF8.GetBytes(header.Properties!);
        Assert.True(MessageProperties.TryGetValue(utf8, "KEYS"u8, out var keys));
        Assert.Equal("order-1 order-2 订单-3", Encoding.UTF8.GetString(keys));
        Assert.True(MessageProperties.TryGetValue(utf8, "note"u8, out var note));
        Assert.Equal("消息 ✓ 🚀 \"quoted\"", Encoding.UTF8.GetString(note));
    }

    [Fact]
    public void Large_body_arrives_zlib_compressed_with_the_compressed_sys_flag()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("ali-ons compresses bodies of 4 KiB and more. ", 200)));
        Assert.True(body.Length >= 4096);

        var command = Frames.ReadSingle(AliOnsProducer.Send(body, new Dictionary<string, string>(), "k").Frame);
        var header = SendMessageRequestHeaderV2.FromExtFields(command.ExtFields!).ToV1();

        Assert.Equal(MessageSysFlag.CompressedFlag, header.SysFlag & MessageSysFlag.CompressedFlag);
        Assert.True(command.Body.Length < body.Length);
        using var inflater = new ZLibStream(new MemoryStream(command.Body.ToArray()), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        inflater.CopyTo(inflated);
        Assert.Equal(body, inflated.ToArray());
        AssertSignedByAliOns(command);
    }

    /// <summary>
    /// ali-ons signs the string forms of its header values (JavaScript toString of numbers and booleans).
    /// Recomputing the signature from our decoded ext fields proves we kept exactly those texts, which
    /// an ACL check on the broker will depend on.
    /// </summary>
    private static void AssertSignedByAliOns(RemotingCommand command)
    {
        var fields = command.ExtFields!;
        Assert.Equal(AliOnsProducer.AccessKey, fields["AccessKey"]);
        Assert.Equal("ALIYUN", fields["OnsChannel"]);

        var signed = new StringBuilder();
        foreach (var name in fields.Keys.Where(k => k != "Signature").OrderBy(k => k, StringComparer.Ordinal))
        {
            signed.Append(fields[name]);
        }

        var data = Encoding.UTF8.GetBytes(signed.ToString()).Concat(command.Body.ToArray()).ToArray();
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AliOnsProducer.SecretKey), data));
        Assert.Equal(expected, fields["Signature"]);
    }
}
