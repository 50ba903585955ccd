using System.Buffers;
using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Broker.Processors.Pop;

/// <summary>
/// The body and offset fields of a POP_MESSAGE answer: each message in the stored layout (as a pull's body) with
/// property POP_CK (its receipt handle, the handle gRPC gives, so either transport acks it) and, for a message of the
/// group's retry topic, the topic it was consumed from, as Apache writes it with popResponseReturnActualRetryTopic off.
/// A FIFO message's reconsume times is its delivery attempt - 1 (it is redelivered in place, not rewritten).
/// </summary>
internal static class PopResponseBody
{
    private static readonly byte[] PopCkName = Encoding.UTF8.GetBytes(MessageConst.PropertyPopCk);

    public static byte[] Encode(IReadOnlyList<PoppedMessage> messages, string topic, bool addPopCk)
    {
        var topicUtf8 = Encoding.UTF8.GetBytes(topic);
        var output = new ArrayBufferWriter<byte>(4096);
        foreach (var popped in messages)
        {
            StoredMessageView.TryParse(popped.Stored.Span, out var view);
            var header = StoredMessageHeader.From(view);
            header.ReconsumeTimes = Math.Max(view.ReconsumeTimes, popped.DeliveryAttempt - 1);
            var properties = addPopCk ? WithPopCk(view.PropertiesUtf8, popped.Handle.Encode()) : view.PropertiesUtf8.ToArray();
            var length = StoredMessageEncoder.GetLength(header, view.Body.Length, topicUtf8.Length, properties.Length);
            var written = StoredMessageEncoder.Write(output.GetSpan(length), header, view.Body, topicUtf8, properties);
            output.Advance(written);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Apache ExtraInfoUtil.buildStartOffsetInfo: "topicType queueId startOffset" per queue, ';'-separated.</summary>
    public static string StartOffsetInfo(IReadOnlyList<PoppedMessage> messages) =>
        string.Join(';', messages.GroupBy(m => (m.Handle.TopicType, m.Handle.QueueId))
            .Select(g => Invariant($"{g.Key.TopicType} {g.Key.QueueId} {g.Min(m => m.Handle.StartOffset)}")));

    /// <summary>Apache ExtraInfoUtil.buildMsgOffsetInfo: "topicType queueId o1,o2,..." per queue, ';'-separated.</summary>
    public static string MsgOffsetInfo(IReadOnlyList<PoppedMessage> messages) =>
        string.Join(';', messages.GroupBy(m => (m.Handle.TopicType, m.Handle.QueueId))
            .Select(g => Invariant($"{g.Key.TopicType} {g.Key.QueueId} {string.Join(',', g.Select(m => m.Handle.QueueOffset))}")));

    /// <summary>Apache ExtraInfoUtil.buildQueueOffsetOrderCountInfo: "topicType qo{queueId}%{offset} count" per message.</summary>
    public static string OrderCountInfo(IReadOnlyList<PoppedMessage> messages) =>
        string.Join(';', messages.Select(m => Invariant($"{m.Handle.TopicType} qo{m.Handle.QueueId}%{m.Handle.QueueOffset} {m.DeliveryAttempt - 1}")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static byte[] WithPopCk(ReadOnlySpan<byte> properties, string popCk)
    {
        var value = Encoding.UTF8.GetBytes(popCk);
        var separator = properties.IsEmpty || properties[^1] == (byte)MessageConst.PropertySeparator ? 0 : 1;
        var result = new byte[properties.Length + separator + PopCkName.Length + 1 + value.Length];
        properties.CopyTo(result);
        var position = properties.Length;
        if (separator == 1)
        {
            result[position++] = (byte)MessageConst.PropertySeparator;
        }

        PopCkName.CopyTo(result, position);
        position += PopCkName.Length;
        result[position++] = (byte)MessageConst.NameValueSeparator;
        value.CopyTo(result, position);
        return result;
    }
}
