namespace RocketMQ.Orleans.Remoting;

/// <summary>No response arrived within the invocation's timeout.</summary>
public sealed class RemotingTimeoutException : TimeoutException
{
    public RemotingTimeoutException(string message)
        : base(message)
    {
    }
}
