using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// The <c>attributes</c> field of UPDATE_AND_CREATE_TOPIC in RocketMQ 5 (AttributeParser and AttributeUtil):
/// comma-separated "+key=value" (add or alter) and "-key" (remove). The only topic attribute served here is
/// <c>message.type</c>; others are refused with Apache's "unsupported key" remark.
/// </summary>
public static class TopicAttributes
{
    public const string MessageTypeKey = "message.type";

    /// <summary>
    /// The topic's message type after applying <paramref name="modification"/> to <paramref name="current"/> (null
    /// when the topic is new). Null modification keeps the current type. Error holds Apache's remark on refusal.
    /// </summary>
    public static (TopicMessageType Type, string? Error) Apply(string? modification, TopicMessageType? current)
    {
        var type = current ?? TopicMessageType.Unspecified;
        if (string.IsNullOrEmpty(modification))
        {
            return (type, null);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in modification.Split(','))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? entry : entry[..equals];
            var value = equals < 0 ? string.Empty : entry[(equals + 1)..];
            var add = key.StartsWith('+');
            if (equals >= 0 ? !add : !key.StartsWith('-'))
            {
                return (type, (equals >= 0 ? "add/alter attribute format is wrong: " : "delete attribute format is wrong: ") + key);
            }

            var realKey = key[1..];
            if (realKey.Length == 0 || realKey.Contains('+', StringComparison.Ordinal) || realKey.Contains('-', StringComparison.Ordinal))
            {
                return (type, "kv string format wrong.");
            }

            if (!seen.Add(realKey))
            {
                return (type, "alter duplication key. key: " + realKey);
            }

            if (realKey != MessageTypeKey)
            {
                return (type, "unsupported key: " + realKey);
            }

            if (!add)
            {
                if (current is null)
                {
                    return (type, "only add attribute is supported while creating topic. key: " + realKey);
                }

                if (type == TopicMessageType.Unspecified)
                {
                    return (type, "attempt to delete a nonexistent key: " + realKey);
                }

                type = TopicMessageType.Unspecified;
                continue;
            }

            if (Parse(value) is not { } parsed)
            {
                return (type, "value is not in set: [UNSPECIFIED, NORMAL, FIFO, DELAY, TRANSACTION, MIXED]");
            }

            type = parsed;
        }

        return (type, null);
    }

    /// <summary>The attribute's value as Apache writes it (TopicMessageType.getValue), or null when unspecified.</summary>
    public static string? ValueOf(TopicMessageType type) => type switch
    {
        TopicMessageType.Normal => "NORMAL",
        TopicMessageType.Fifo => "FIFO",
        TopicMessageType.Delay => "DELAY",
        TopicMessageType.Transaction => "TRANSACTION",
        TopicMessageType.Mixed => "MIXED",
        _ => null,
    };

    private static TopicMessageType? Parse(string value) => value switch
    {
        "UNSPECIFIED" => TopicMessageType.Unspecified,
        "NORMAL" => TopicMessageType.Normal,
        "FIFO" => TopicMessageType.Fifo,
        "DELAY" => TopicMessageType.Delay,
        "TRANSACTION" => TopicMessageType.Transaction,
        "MIXED" => TopicMessageType.Mixed,
        _ => null,
    };
}
