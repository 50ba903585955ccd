namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>How an ack or a change of invisible time ended.</summary>
public enum PopAckStatus
{
    Ok,

    /// <summary>The handle does not parse, names another broker, or the message is not in flight (acked, revived).</summary>
    InvalidHandle,

    /// <summary>The handle's invisible time is over: the message has been or is about to be redelivered.</summary>
    Expired,
}
