namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>TopicFilterType</c>; written by its Java name.</summary>
public enum TopicFilterType
{
    SingleTag,
    MultiTag,
}
