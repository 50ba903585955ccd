using System.Globalization;
using System.Net;
using System.Text;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>A stored half message as the end and check paths need it: its place, its properties as stored, and its body.</summary>
internal sealed class HalfMessage
{
    public required string Topic { get; init; }

    public required long QueueOffset { get; init; }

    public required long CommitLogOffset { get; init; }

    public required int Flag { get; init; }

    public required int SysFlag { get; init; }

    public required long BornTimestamp { get; init; }

    public required IPEndPoint BornHost { get; init; }

    public required long StoreTimestamp { get; init; }

    public required IPEndPoint StoreHost { get; init; }

    public required int ReconsumeTimes { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>The encoded properties exactly as stored.</summary>
    public required string Properties { get; init; }

    public string? GetProperty(string name) => PropertiesText.Get(Properties, name);

    public string? RealTopic => GetProperty(MessageConst.PropertyRealTopic);

    public int? RealQueueId => int.TryParse(GetProperty(MessageConst.PropertyRealQueueId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    public string? ProducerGroup => GetProperty(MessageConst.PropertyProducerGroup);

    public string? UniqueKey => GetProperty(MessageConst.PropertyUniqClientMessageIdKeyidx);

    /// <summary>The queue offset of the transaction's first half message (a checked copy carries it, the first is it).</summary>
    public long Origin => long.TryParse(GetProperty(MessageConst.PropertyTransactionPreparedQueueOffset), NumberStyles.Integer, CultureInfo.InvariantCulture, out var origin)
        ? origin
        : QueueOffset;

    /// <summary>Checks so far (Apache TRANSACTION_CHECK_TIMES, absent before the first).</summary>
    public int CheckTimes => int.TryParse(GetProperty(MessageConst.PropertyTransactionCheckTimes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var times) ? times : 0;

    /// <summary>CHECK_IMMUNITY_TIME_IN_SECONDS in ms, or null when the producer set none (or an unreadable one).</summary>
    public long? CheckImmunityMillis => long.TryParse(GetProperty(MessageConst.PropertyCheckImmunityTimeInSeconds), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        ? seconds * 1000
        : null;

    /// <summary>Reads the message stored at <paramref name="commitLogOffset"/>, or null when no half message starts there.</summary>
    public static async ValueTask<HalfMessage?> ReadAsync(MessageStore store, long commitLogOffset, CancellationToken cancellationToken)
    {
        using var stored = await store.ReadMessageAsync(commitLogOffset, cancellationToken).ConfigureAwait(false);
        return stored is not null && StoredMessageView.TryParse(stored.Span, out var view) ? FromView(view) : null;
    }

    /// <summary>The half message in <paramref name="view"/>, or null when it is not one (another topic).</summary>
    public static HalfMessage? FromView(in StoredMessageView view)
    {
        if (!view.TopicUtf8.SequenceEqual("RMQ_SYS_TRANS_HALF_TOPIC"u8))
        {
            return null;
        }

        return new HalfMessage
        {
            Topic = TransactionTopics.HalfTopic,
            QueueOffset = view.QueueOffset,
            CommitLogOffset = view.PhysicalOffset,
            Flag = view.Flag,
            SysFlag = view.SysFlag,
            BornTimestamp = view.BornTimestamp,
            BornHost = view.GetBornHost(),
            StoreTimestamp = view.StoreTimestamp,
            StoreHost = view.GetStoreHost(),
            ReconsumeTimes = view.ReconsumeTimes,
            Body = view.Body.ToArray(),
            Properties = Encoding.UTF8.GetString(view.PropertiesUtf8),
        };
    }
}
