using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// RocketMQ 5's POP receipt handle (Apache ExtraInfoUtil / proxy ReceiptHandle): space-separated
/// <c>startOffset popTime invisibleTime reviveQid topicType brokerName queueId queueOffset commitLogOffset</c>.
/// Keeping Apache's layout lets a 5.x remoting client read the handles it is given; the group is not in it
/// (every ack names its group).
/// </summary>
public readonly record struct PopReceiptHandle(
    long StartOffset,
    long PopTime,
    long InvisibleTime,
    int ReviveQueueId,
    bool Retry,
    string BrokerName,
    int QueueId,
    long QueueOffset,
    long CommitLogOffset)
{
    /// <summary>Apache KeyBuilder.POP_ORDER_REVIVE_QUEUE: the revive queue id that marks a FIFO (orderly) pop.</summary>
    public const int OrderReviveQueueId = 999;

    /// <summary>Apache: "0" a normal topic, "1" the group's %RETRY% topic (V1 retry naming).</summary>
    private const string NormalTopicType = "0";
    private const string RetryTopicType = "1";

    /// <summary>Whether the handle is of a FIFO group's pop (Apache ExtraInfoUtil.isOrder).</summary>
    public bool IsOrder => ReviveQueueId == OrderReviveQueueId;

    /// <summary>ExtraInfoUtil's topic type: "0" the topic, "1" the group's retry topic.</summary>
    public string TopicType => Retry ? RetryTopicType : NormalTopicType;

    /// <summary>Milliseconds since the epoch at which the message becomes visible again unless acked.</summary>
    public long VisibleAt => PopTime + InvisibleTime;

    /// <summary>The topic the handle's queue belongs to: the consumed topic, or the group's retry topic.</summary>
    public string ResolveTopic(string topic, string group) => Retry ? SystemTopics.GetRetryTopic(group) : topic;

    public string Encode() => string.Create(CultureInfo.InvariantCulture,
        $"{StartOffset} {PopTime} {InvisibleTime} {ReviveQueueId} {(Retry ? RetryTopicType : NormalTopicType)} {BrokerName} {QueueId} {QueueOffset} {CommitLogOffset}");

    public override string ToString() => Encode();

    public static bool TryParse(string? text, [NotNullWhen(true)] out PopReceiptHandle? handle)
    {
        handle = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split(' ');
        if (parts.Length is < 8 or > 9
            || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var popTime)
            || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var invisible)
            || !int.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var reviveQid)
            || parts[4] is not (NormalTopicType or RetryTopicType or "2")
            || parts[5].Length == 0
            || !int.TryParse(parts[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var queueId)
            || !long.TryParse(parts[7], NumberStyles.Integer, CultureInfo.InvariantCulture, out var queueOffset))
        {
            return false;
        }

        long commitLogOffset = -1;
        if (parts.Length == 9 && !long.TryParse(parts[8], NumberStyles.Integer, CultureInfo.InvariantCulture, out commitLogOffset))
        {
            return false;
        }

        if (invisible < 0 || queueId < 0 || queueOffset < 0)
        {
            return false;
        }

        handle = new PopReceiptHandle(start, popTime, invisible, reviveQid, parts[4] != NormalTopicType, parts[5], queueId, queueOffset, commitLogOffset);
        return true;
    }
}
