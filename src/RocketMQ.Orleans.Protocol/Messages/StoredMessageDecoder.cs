using System.Text;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>Decodes stored messages into <see cref="MessageExt"/> (the client side of a pull).</summary>
public static class StoredMessageDecoder
{
    /// <summary>Decodes the entry at the start of <paramref name="data"/>; throws <see cref="InvalidDataException"/> if malformed.</summary>
    public static MessageExt Decode(ReadOnlySpan<byte> data, bool readBody = true) =>
        TryDecode(data, out var message, readBody)
            ? message
            : throw new InvalidDataException("The bytes are not a well-formed stored message.");

    public static bool TryDecode(ReadOnlySpan<byte> data, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MessageExt? message, bool readBody = true)
    {
        if (!StoredMessageView.TryParse(data, out var view))
        {
            message = null;
            return false;
        }

        message = ToMessage(view, readBody);
        return true;
    }

    /// <summary>
    /// Decodes a concatenation of entries (a pull-response body). Like Apache <c>MessageDecoder.decodes</c>,
    /// it stops at the first entry that does not parse.
    /// </summary>
    public static List<MessageExt> DecodeAll(ReadOnlySpan<byte> concatenated, bool readBody = true)
    {
        var messages = new List<MessageExt>();
        while (StoredMessageView.TryParse(concatenated, out var view))
        {
            messages.Add(ToMessage(view, readBody));
            concatenated = concatenated[view.TotalSize..];
        }

        return messages;
    }

    public static MessageExt ToMessage(in StoredMessageView view, bool readBody = true) => new()
    {
        StoreSize = view.TotalSize,
        BodyCrc = view.BodyCrc,
        QueueId = view.QueueId,
        Flag = view.Flag,
        QueueOffset = view.QueueOffset,
        CommitLogOffset = view.PhysicalOffset,
        SysFlag = view.SysFlag,
        BornTimestamp = view.BornTimestamp,
        BornHost = view.GetBornHost(),
        StoreTimestamp = view.StoreTimestamp,
        StoreHost = view.GetStoreHost(),
        ReconsumeTimes = view.ReconsumeTimes,
        PreparedTransactionOffset = view.PreparedTransactionOffset,
        Body = readBody ? view.Body.ToArray() : [],
        Topic = Encoding.UTF8.GetString(view.TopicUtf8),
        Properties = MessageProperties.DecodeUtf8(view.PropertiesUtf8),
        MsgId = view.CreateOffsetMessageId(),
    };
}
