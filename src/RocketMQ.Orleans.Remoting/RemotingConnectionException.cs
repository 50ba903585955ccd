namespace RocketMQ.Orleans.Remoting;

/// <summary>A connection could not be established, or closed before a request was answered.</summary>
public sealed class RemotingConnectionException : IOException
{
    public RemotingConnectionException(string message)
        : base(message)
    {
    }

    public RemotingConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
