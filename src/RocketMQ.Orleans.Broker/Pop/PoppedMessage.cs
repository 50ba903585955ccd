namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// One message a pop handed out: its stored bytes (valid until the <see cref="PopResult"/> is disposed), its receipt
/// handle, and which delivery this is (1 the first; revived messages count up).
/// </summary>
public readonly record struct PoppedMessage(ReadOnlyMemory<byte> Stored, PopReceiptHandle Handle, int DeliveryAttempt);
