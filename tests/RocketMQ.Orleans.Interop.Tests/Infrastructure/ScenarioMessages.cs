using System.Text.Json.Nodes;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>A send ali-ons' producer got an acknowledgement for (a "sent" line of produce.js).</summary>
public sealed record SentMessage(
    int Seq,
    string MsgId,
    int QueueId,
    long QueueOffset,
    string? Tags,
    string? Keys,
    IReadOnlyDictionary<string, string> UserProperties,
    int BodyLength,
    string BodySha256)
{
    public static SentMessage From(JsonObject line) => new(
        line["seq"]!.GetValue<int>(),
        line["msgId"]?.GetValue<string>() ?? string.Empty,
        line["queueId"]!.GetValue<int>(),
        line["queueOffset"]!.GetValue<long>(),
        line["tags"]?.GetValue<string>(),
        line["keys"]?.GetValue<string>(),
        ScenarioJson.Strings(line["props"]),
        line["bodyLength"]!.GetValue<int>(),
        line["bodySha256"]!.GetValue<string>());
}

/// <summary>One call of the consumer's listener (a "message" line of consume.js).</summary>
public sealed record DeliveredMessage(
    int? Seq,
    string MsgId,
    string Topic,
    string? PulledTopic,
    string? Tags,
    string? Keys,
    IReadOnlyDictionary<string, string> Properties,
    int BodyLength,
    string BodySha256,
    int ReconsumeTimes,
    int QueueId,
    long QueueOffset,
    string? OriginMsgId,
    string ClientId,
    int Delivery,
    bool Acknowledged)
{
    public static DeliveredMessage From(JsonObject line) => new(
        line["seq"]?.GetValue<int>(),
        line["msgId"]?.GetValue<string>() ?? string.Empty,
        line["topic"]?.GetValue<string>() ?? string.Empty,
        line["pulledTopic"]?.GetValue<string>(),
        line["tags"]?.GetValue<string>(),
        line["keys"]?.GetValue<string>(),
        ScenarioJson.Strings(line["props"]),
        line["bodyLength"]!.GetValue<int>(),
        line["bodySha256"]!.GetValue<string>(),
        line["reconsumeTimes"]!.GetValue<int>(),
        line["queueId"]!.GetValue<int>(),
        line["queueOffset"]!.GetValue<long>(),
        line["originMsgId"]?.GetValue<string>(),
        line["clientId"]!.GetValue<string>(),
        line["delivery"]!.GetValue<int>(),
        line["action"]!.GetValue<string>() == "ack");
}

/// <summary>What one pull response carried, before ali-ons' client-side tag check (a "pulled" line).</summary>
public sealed record PulledBatch(string Topic, int QueueId, IReadOnlyList<string?> Tags)
{
    public static PulledBatch From(JsonObject line) => new(
        line["topic"]!.GetValue<string>(),
        line["queueId"]!.GetValue<int>(),
        line["tags"]!.AsArray().Select(t => t?.GetValue<string>()).ToArray());
}

/// <summary>Typed views over the JSON lines of the scenario scripts.</summary>
public static class ScenarioJson
{
    public static IReadOnlyList<SentMessage> SentMessages(this NodeScenario producer) =>
        producer.Events("sent").Select(SentMessage.From).ToArray();

    public static IReadOnlyList<string> SendErrors(this NodeScenario producer) =>
        producer.Events("sendError").Select(l => l.ToJsonString()).ToArray();

    public static IReadOnlyList<DeliveredMessage> Deliveries(this NodeScenario consumer) =>
        consumer.Events("message").Select(DeliveredMessage.From).ToArray();

    public static IReadOnlyList<PulledBatch> Pulls(this NodeScenario consumer) =>
        consumer.Events("pulled").Select(PulledBatch.From).ToArray();

    /// <summary>Distinct sequence numbers whose delivery the listener acknowledged.</summary>
    public static IReadOnlySet<int> AcknowledgedSeqs(this NodeScenario consumer) =>
        consumer.Events("message")
            .Where(l => l["action"]?.GetValue<string>() == "ack" && l["seq"] is not null)
            .Select(l => l["seq"]!.GetValue<int>())
            .ToHashSet();

    /// <summary>The queue ids this consumer holds for <paramref name="topic"/> after its latest rebalance; null before any.</summary>
    public static IReadOnlySet<int>? Allocation(this NodeScenario consumer, string topic) =>
        consumer.Events("rebalance")
            .LastOrDefault(l => l["topic"]?.GetValue<string>() == topic)?["queueIds"]!.AsArray()
            .Select(q => q!.GetValue<int>())
            .ToHashSet();

    internal static IReadOnlyDictionary<string, string> Strings(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                result[name] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? string.Empty;
            }
        }

        return result;
    }
}
