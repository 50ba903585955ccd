namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>The only exception the protocol decoders throw for malformed input.</summary>
public sealed class RemotingProtocolException : Exception
{
    public RemotingProtocolException(RemotingProtocolError error, string message)
        : base(message)
    {
        Error = error;
    }

    public RemotingProtocolException(RemotingProtocolError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    public RemotingProtocolError Error { get; }
}
