namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ConsumeType</c>; written by its Java name (<c>CONSUME_PASSIVELY</c>).</summary>
public enum ConsumeType
{
    ConsumeActively,
    ConsumePassively,
}
