using System.Text.Json.Nodes;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>A SEND_MESSAGE_V2 frame as ali-ons' producer path wrote it, with what the producer reported about it.</summary>
public sealed record AliOnsSentFrame(byte[] Frame, int Opaque, long BornTimestamp);

/// <summary>Drives codec.js' encodeSendMessageV2 (MQProducer.sendKernelImpl with the socket replaced by a capture).</summary>
public static class AliOnsProducer
{
    public const string ProducerGroup = "PID_interop";
    public const string Topic = "TopicTest";
    public const int QueueId = 2;
    public const string Tags = "TagA";
    public const int DelayTimeLevel = 3;
    public const string AccessKey = "interop-ak";
    public const string SecretKey = "interop-sk";

    /// <summary>Sends a message with <see cref="Tags"/>, the given keys, <see cref="DelayTimeLevel"/> and user properties.</summary>
    public static AliOnsSentFrame Send(byte[] body, IReadOnlyDictionary<string, string> userProperties, params string[] keys)
    {
        var properties = new JsonObject();
        foreach (var (name, value) in userProperties)
        {
            properties[name] = value;
        }

        var result = NodeRunner.Run(new JsonObject
        {
            ["op"] = "encodeSendMessageV2",
            ["producerGroup"] = ProducerGroup,
            ["topic"] = Topic,
            ["queueId"] = QueueId,
            ["tags"] = Tags,
            ["keys"] = new JsonArray(keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
            ["delayTimeLevel"] = DelayTimeLevel,
            ["properties"] = properties,
            ["bodyHex"] = Convert.ToHexString(body),
            ["accessKey"] = AccessKey,
            ["secretKey"] = SecretKey,
        });
        Assert.Equal("SEND_OK", result["sendStatus"]!.GetValue<string>());
        return new AliOnsSentFrame(
            Convert.FromHexString(result["frameHex"]!.GetValue<string>()),
            result["opaque"]!.GetValue<int>(),
            long.Parse(result["bornTimestamp"]!.GetValue<string>()));
    }
}
