namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Apache TopicValidator.validateTopic: the checks and the remarks a send gets back.</summary>
public static class TopicNames
{
    private const int TopicMaxLength = 127;

    /// <summary>Null when valid, else Apache's remark (answered with SYSTEM_ERROR).</summary>
    public static string? Validate(string? topic)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return "The specified topic is blank.";
        }

        if (HasIllegalCharacter(topic))
        {
            return "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$";
        }

        if (topic.Length > TopicMaxLength)
        {
            return "The specified topic is longer than topic max length.";
        }

        return null;
    }

    public static bool HasIllegalCharacter(ReadOnlySpan<char> name)
    {
        foreach (var ch in name)
        {
            var valid = ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '%' or '-' or '_' or '|';
            if (!valid)
            {
                return true;
            }
        }

        return false;
    }
}
