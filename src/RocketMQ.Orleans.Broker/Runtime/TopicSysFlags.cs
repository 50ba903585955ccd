namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Apache TopicSysFlag: unit-mode bits of a topic.</summary>
public static class TopicSysFlags
{
    public static int Build(bool unit, bool hasUnitSub) => (unit ? 1 : 0) | (hasUnitSub ? 2 : 0);
}
