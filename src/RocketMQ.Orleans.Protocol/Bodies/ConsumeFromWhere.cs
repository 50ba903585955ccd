namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ConsumeFromWhere</c> in Java ordinal order; written by its Java name.</summary>
public enum ConsumeFromWhere
{
    ConsumeFromLastOffset,
    ConsumeFromLastOffsetAndFromMinWhenBootFirst,
    ConsumeFromMinOffset,
    ConsumeFromMaxOffset,
    ConsumeFromFirstOffset,
    ConsumeFromTimestamp,
}
