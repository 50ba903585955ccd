namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>How an ack or a change of invisible time ended.</summary>
public enum PopAckStatus
{
    Ok,

    /// <summary>The message is not in flight (acked, revived): nothing to change or forward.</summary>
    InvalidHandle,

    /// <summary>The handle is no POP_CK (Apache's proxy fails to decode it: INTERNAL_SERVER_ERROR).</summary>
    Unparsable,

    /// <summary>The handle names another broker (Apache's proxy: INVALID_RECEIPT_HANDLE, "cannot find broker").</summary>
    ForeignBroker,

    /// <summary>The handle's invisible time is over: the message has been or is about to be redelivered.</summary>
    Expired,
}
