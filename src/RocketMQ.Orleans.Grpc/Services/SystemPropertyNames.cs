using System.Collections.Frozen;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>Stored property names that map to v2 system properties, so they are not handed out as user properties.</summary>
internal static class SystemPropertyNames
{
    /// <summary>RocketMQ 5's message group (MessageConst.PROPERTY_SHARDING_KEY).</summary>
    public const string MessageGroup = "__SHARDINGKEY";

    /// <summary>Where the producer's host name is kept (RocketMQ 5 MessageConst.PROPERTY_BORN_HOST).</summary>
    public const string BornHost = "__BORNHOST";

    /// <summary>The transaction's bookkeeping a committed or checked message carries (Apache's STRING_HASH_SET has them too).</summary>
    private static readonly string[] TransactionPropertyNames =
    [
        MessageConst.PropertyCheckImmunityTimeInSeconds, MessageConst.PropertyTransactionCheckTimes,
        MessageConst.PropertyTransactionPreparedQueueOffset,
    ];

    public static FrozenSet<string> All { get; } = MessageConst.ReservedPropertyNames
        .Concat([MessageGroup, BornHost, ScheduleTopics.PropertyTimerDeliverMs, ScheduleTopics.PropertyTimerDelayMs,
            ScheduleTopics.PropertyTimerDelaySec, ScheduleTopics.PropertyTimerOutMs, ScheduleTopics.PropertyStartDeliverTime])
        .Concat(TransactionPropertyNames)
        .ToFrozenSet(StringComparer.Ordinal);
}
