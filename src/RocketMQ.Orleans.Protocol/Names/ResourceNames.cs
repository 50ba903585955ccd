namespace RocketMQ.Orleans.Protocol.Names;

/// <summary>
/// The one place topic and group names are checked (Apache 4.9 TopicValidator and the client's Validators): the
/// broker at every entry point, the name server, the console and the .NET client all ask here. A name that fails is
/// never looked up, cached or created. Each check returns null when the name is valid, else Apache's remark.
/// </summary>
public static class ResourceNames
{
    /// <summary>Apache TopicValidator.TOPIC_MAX_LENGTH.</summary>
    public const int TopicMaxLength = 127;

    /// <summary>Apache 4.9 Validators.CHARACTER_MAX_LENGTH, the group limit 4.x clients enforce.</summary>
    public const int GroupMaxLength = 255;

    /// <summary>Retry and DLQ topics are "%RETRY%" / "%DLQ%" + group: a valid group's topic may exceed 127 (Apache 5 allows 255).</summary>
    public const int RetryOrDlqTopicMaxLength = GroupMaxLength + 7;

    public const string AllowedPattern = "^[%|a-zA-Z0-9_-]+$";

    /// <summary>Apache TopicValidator.validateTopic (4.9 remarks; the caller answers SYSTEM_ERROR).</summary>
    public static string? ValidateTopic(string? topic)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return "The specified topic is blank.";
        }

        if (HasIllegalCharacter(topic))
        {
            return "The specified topic contains illegal characters, allowing only " + AllowedPattern;
        }

        var max = SystemTopics.IsRetryTopic(topic) || topic.StartsWith(SystemTopics.DlqGroupTopicPrefix, StringComparison.Ordinal)
            ? RetryOrDlqTopicMaxLength
            : TopicMaxLength;
        return topic.Length > max ? "The specified topic is longer than topic max length." : null;
    }

    /// <summary>Apache TopicValidator.validateGroup's checks with 4.x's 255-character limit (the caller answers SYSTEM_ERROR).</summary>
    public static string? ValidateGroup(string? group)
    {
        if (string.IsNullOrWhiteSpace(group))
        {
            return "The specified group is blank.";
        }

        if (HasIllegalCharacter(group))
        {
            return "The specified group: " + Shorten(group) + ", contains illegal characters, allowing only " + AllowedPattern;
        }

        return group.Length > GroupMaxLength
            ? "The specified group: " + Shorten(group) + ", is longer than group max length: " + GroupMaxLength
            : null;
    }

    public static bool IsValidTopic(string? topic) => ValidateTopic(topic) is null;

    public static bool IsValidGroup(string? group) => ValidateGroup(group) is null;

    /// <summary>Apache TopicValidator.isTopicOrGroupIllegal: any character outside [%|a-zA-Z0-9_-].</summary>
    public static bool HasIllegalCharacter(ReadOnlySpan<char> name)
    {
        foreach (var ch in name)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '%' or '-' or '_' or '|'))
            {
                return true;
            }
        }

        return false;
    }

    // A hostile name can be megabytes: a remark quotes at most its first 255 characters.
    private static string Shorten(string name) => name.Length <= GroupMaxLength ? name : name[..GroupMaxLength] + "...";
}
