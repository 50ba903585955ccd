using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Rocketmq.V2;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>A popped stored message as a v2 <see cref="Message"/> with the system properties the clients require.</summary>
internal static class StoredMessageMapper
{
    /// <summary>
    /// The message's body points into the pop's pooled buffer (no copy): write it before the <see cref="PopResult"/>
    /// is disposed.
    /// </summary>
    public static Message ToMessage(PoppedMessage popped, string resourceNamespace, long invisibleMillis)
    {
        StoredMessageView.TryParse(popped.Stored.Span, out var view);
        var properties = MessageProperties.DecodeUtf8(view.PropertiesUtf8);
        // A revived message keeps the topic it was consumed from in RETRY_TOPIC; the client acks under that topic.
        var topic = properties.TryGetValue(MessageConst.PropertyRetryTopic, out var original) ? original : view.GetTopic();
        var body = BodyOf(popped.Stored, view);
        if ((view.SysFlag & MessageSysFlag.CompressedFlag) != 0)
        {
            body = Inflate(view.Body.ToArray());
        }

        var system = new SystemProperties
        {
            MessageId = properties.TryGetValue(MessageConst.PropertyUniqClientMessageIdKeyidx, out var uniq) ? uniq : view.CreateOffsetMessageId(),
            BodyDigest = BodyDigests.Md5(body.Span),
            BodyEncoding = Encoding.Identity,
            BornTimestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(view.BornTimestamp)),
            BornHost = properties.TryGetValue(SystemPropertyNames.BornHost, out var bornHost) ? bornHost : view.GetBornHost().Address.ToString(),
            StoreTimestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(view.StoreTimestamp)),
            StoreHost = view.GetStoreHost().ToString(),
            ReceiptHandle = popped.Handle.Encode(),
            QueueId = popped.Handle.QueueId,
            QueueOffset = popped.Handle.QueueOffset,
            InvisibleDuration = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(invisibleMillis)),
            DeliveryAttempt = popped.DeliveryAttempt,
        };
        return Complete(system, topic, properties, body, resourceNamespace);
    }

    /// <summary>
    /// A half message as an orphaned-transaction check names it (RecoverOrphanedTransactionCommand): the message in
    /// its real topic with the producer's properties; no receipt handle, as it is not consumed.
    /// </summary>
    public static Message ToMessage(MessageExt message, string resourceNamespace)
    {
        var system = new SystemProperties
        {
            MessageId = message.UniqueKey ?? message.MsgId ?? string.Empty,
            BodyDigest = BodyDigests.Md5(message.Body),
            BodyEncoding = Encoding.Identity,
            BornTimestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(message.BornTimestamp)),
            BornHost = message.GetProperty(SystemPropertyNames.BornHost) ?? message.BornHost.Address.ToString(),
            StoreTimestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(message.StoreTimestamp)),
            StoreHost = message.StoreHost.ToString(),
            QueueId = message.QueueId,
            QueueOffset = message.QueueOffset,
        };
        return Complete(system, message.Topic, message.Properties, message.Body, resourceNamespace);
    }

    /// <summary>Tag, keys, type, group or delivery time, and user properties from the stored properties.</summary>
    private static Message Complete(SystemProperties system, string topic, Dictionary<string, string> properties, ReadOnlyMemory<byte> body,
        string resourceNamespace)
    {
        system.MessageType = MessageType.Normal;
        if (properties.TryGetValue(MessageConst.PropertyTags, out var tag))
        {
            system.Tag = tag;
        }

        if (properties.TryGetValue(MessageConst.PropertyKeys, out var keys))
        {
            system.Keys.AddRange(keys.Split(MessageConst.KeySeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        if (properties.TryGetValue(SystemPropertyNames.MessageGroup, out var group))
        {
            system.MessageGroup = group;
            system.MessageType = MessageType.Fifo;
        }
        else if (properties.TryGetValue(ScheduleTopics.PropertyTimerDeliverMs, out var deliverMs)
            && long.TryParse(deliverMs, NumberStyles.Integer, CultureInfo.InvariantCulture, out var deliverAt))
        {
            system.DeliveryTimestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(deliverAt));
            system.MessageType = MessageType.Delay;
        }
        else if (string.Equals(properties.GetValueOrDefault(MessageConst.PropertyTransactionPrepared), "true", StringComparison.OrdinalIgnoreCase))
        {
            // A committed transactional message keeps TRAN_MSG, as Apache stores it.
            system.MessageType = MessageType.Transaction;
        }

        var message = new Message
        {
            Topic = Resources.Unwrap(topic, resourceNamespace),
            SystemProperties = system,
            Body = UnsafeByteOperations.UnsafeWrap(body),
        };
        foreach (var (name, value) in properties)
        {
            if (!SystemPropertyNames.All.Contains(name))
            {
                message.UserProperties[name] = value;
            }
        }

        return message;
    }

    /// <summary>The body inside the stored bytes, found by the layout and proven to be the view's body.</summary>
    private static ReadOnlyMemory<byte> BodyOf(ReadOnlyMemory<byte> stored, StoredMessageView view)
    {
        var start = StoredMessageLayout.BodyLengthPosition(view.SysFlag) + sizeof(int);
        if (start + view.Body.Length <= stored.Length)
        {
            var body = stored.Slice(start, view.Body.Length);
            if (view.Body.IsEmpty || Unsafe.AreSame(ref MemoryMarshal.GetReference(body.Span), ref MemoryMarshal.GetReference(view.Body)))
            {
                return body;
            }
        }

        return view.Body.ToArray();
    }

    /// <summary>RocketMQ 4.x clients compress bodies with zlib; 5.x clients are handed the plain body.</summary>
    private static byte[] Inflate(byte[] compressed)
    {
        try
        {
            using var input = new MemoryStream(compressed);
            using var zlib = new System.IO.Compression.ZLibStream(input, System.IO.Compression.CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return compressed;
        }
    }
}
