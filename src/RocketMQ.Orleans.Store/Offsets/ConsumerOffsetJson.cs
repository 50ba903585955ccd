using System.Text.Json;
using System.Text.RegularExpressions;

namespace RocketMQ.Orleans.Store.Offsets;

/// <summary>
/// Apache's consumerOffset.json: <c>{"offsetTable":{"topic@group":{"0":12,"1":7}}}</c>. Apache's
/// fastjson writes the queue ids unquoted (<c>{0:12}</c>), which is not JSON; reading accepts both,
/// writing produces standard JSON (quoted keys). Other top-level properties are ignored.
/// </summary>
internal static partial class ConsumerOffsetJson
{
    public const char TopicGroupSeparator = '@';
    private const string OffsetTableProperty = "offsetTable";

    public static byte[] Encode(IEnumerable<KeyValuePair<string, IReadOnlyDictionary<int, long>>> table, bool indented)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(OffsetTableProperty);
            foreach (var (topicAtGroup, queues) in table)
            {
                writer.WriteStartObject(topicAtGroup);
                foreach (var (queueId, offset) in queues)
                {
                    writer.WriteNumber(queueId.ToString(System.Globalization.CultureInfo.InvariantCulture), offset);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses the whole file or throws (<see cref="InvalidDataException"/>, <see cref="JsonException"/>): never a partial table.</summary>
    public static Dictionary<(string Topic, string Group), Dictionary<int, long>> Decode(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new InvalidDataException("The offset file is empty.");
        }

        using var document = JsonDocument.Parse(UnquotedIntegerKey().Replace(json, "$1\"$2\"$3"));
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("The offset file is not a JSON object.");
        }

        var result = new Dictionary<(string Topic, string Group), Dictionary<int, long>>();
        if (!document.RootElement.TryGetProperty(OffsetTableProperty, out var offsetTable) || offsetTable.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        foreach (var topicGroup in offsetTable.EnumerateObject())
        {
            int at = topicGroup.Name.IndexOf(TopicGroupSeparator, StringComparison.Ordinal);
            if (at <= 0 || at == topicGroup.Name.Length - 1)
            {
                throw new InvalidDataException($"'{topicGroup.Name}' is not topic@group.");
            }

            var queues = new Dictionary<int, long>();
            foreach (var queue in topicGroup.Value.EnumerateObject())
            {
                if (!int.TryParse(queue.Name, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int queueId))
                {
                    throw new InvalidDataException($"'{queue.Name}' is not a queue id.");
                }

                queues[queueId] = queue.Value.GetInt64();
            }

            result[(topicGroup.Name[..at], topicGroup.Name[(at + 1)..])] = queues;
        }

        return result;
    }

    // Topic and group names cannot contain '{', ',' or ':', so this only ever touches object keys.
    [GeneratedRegex(@"([{,]\s*)(-?\d+)(\s*:)")]
    private static partial Regex UnquotedIntegerKey();
}
