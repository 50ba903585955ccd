namespace RocketMQ.Orleans.Protocol.Bodies.Json;

public enum FastJsonKind : byte
{
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}
