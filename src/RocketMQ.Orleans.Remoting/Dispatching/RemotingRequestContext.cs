namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>What a processor knows about a request besides its command.</summary>
public sealed class RemotingRequestContext
{
    public RemotingRequestContext(IRemotingConnection connection, long receivedTimestamp)
    {
        Connection = connection;
        ReceivedTimestamp = receivedTimestamp;
    }

    /// <summary>The connection the request came in on; answer broker→client calls through it.</summary>
    public IRemotingConnection Connection { get; }

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the frame was decoded.</summary>
    public long ReceivedTimestamp { get; }

    /// <summary>Time since the frame was decoded (queueing + processing so far).</summary>
    public TimeSpan Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(ReceivedTimestamp);
}
