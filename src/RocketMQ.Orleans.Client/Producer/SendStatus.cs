namespace RocketMQ.Orleans.Client.Producer;

/// <summary>Apache <c>SendStatus</c>: stored, or stored with a durability warning.</summary>
public enum SendStatus
{
    SendOk,
    FlushDiskTimeout,
    FlushSlaveTimeout,
    SlaveNotAvailable,
}
