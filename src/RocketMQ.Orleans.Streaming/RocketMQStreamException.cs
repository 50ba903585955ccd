namespace RocketMQ.Orleans.Streaming;

/// <summary>An event could not be written to its RocketMQ queue (the producer's OnNextAsync fails with it).</summary>
[GenerateSerializer]
public sealed class RocketMQStreamException : Exception
{
    public RocketMQStreamException(string message)
        : base(message)
    {
    }

    public RocketMQStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
