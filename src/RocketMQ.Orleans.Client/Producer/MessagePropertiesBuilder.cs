using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Names;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>Checks a message and builds its wire properties, system ones included (Apache <c>Validators.checkMessage</c> + Message setters).</summary>
internal static class MessagePropertiesBuilder
{
    public static void Validate(Message message, int maxMessageSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        ValidateTopic(message.Topic);
        if (message.Body.IsEmpty)
        {
            throw new ArgumentException("The message body is empty.", nameof(message));
        }

        if (message.Body.Length > maxMessageSize)
        {
            throw new ArgumentException($"The message body is {message.Body.Length} bytes, more than the {maxMessageSize} allowed.", nameof(message));
        }

        foreach (var name in message.Properties.Keys)
        {
            if (MessageConst.ReservedPropertyNames.Contains(name))
            {
                throw new ArgumentException($"The property '{name}' is reserved for RocketMQ.", nameof(message));
            }
        }
    }

    /// <summary>Apache <c>Validators.checkTopic</c>: the broker's own rules (<see cref="ResourceNames"/>), checked before sending.</summary>
    public static void ValidateTopic(string topic)
    {
        if (ResourceNames.ValidateTopic(topic) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(topic));
        }
    }

    /// <summary>The properties string of a single send: user properties, then TAGS, KEYS, DELAY, WAIT and UNIQ_KEY.</summary>
    public static string Build(Message message, string uniqueKey) =>
        MessageProperties.Encode(Enumerate(message, uniqueKey));

    public static IEnumerable<KeyValuePair<string, string>> Enumerate(Message message, string uniqueKey)
    {
        foreach (var property in message.Properties)
        {
            yield return property;
        }

        foreach (var property in message.SystemProperties)
        {
            yield return property;
        }

        if (!string.IsNullOrEmpty(message.Tags))
        {
            yield return new(MessageConst.PropertyTags, message.Tags);
        }

        if (!string.IsNullOrEmpty(message.Keys))
        {
            yield return new(MessageConst.PropertyKeys, message.Keys);
        }

        if (message.DelayTimeLevel is { } level)
        {
            yield return new(MessageConst.PropertyDelayTimeLevel, level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        yield return new(MessageConst.PropertyWaitStoreMsgOk, message.WaitStoreMessageOk ? "true" : "false");
        yield return new(MessageConst.PropertyUniqClientMessageIdKeyidx, uniqueKey);
    }
}
