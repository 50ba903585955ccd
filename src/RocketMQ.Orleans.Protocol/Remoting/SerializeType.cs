namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>How a command header is encoded: the top byte of the frame's header-length word.</summary>
public enum SerializeType : byte
{
    Json = 0,
    RocketMQ = 1,
}
