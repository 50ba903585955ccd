namespace RocketMQ.Orleans.Remoting;

/// <summary>Settings of a <see cref="Transport.RemotingClient"/> (Apache NettyClientConfig counterparts).</summary>
public sealed class RemotingClientOptions
{
    /// <summary>Network event loops shared by all of the client's connections.</summary>
    public int WorkerThreads { get; set; } = 1;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Close a connection with no traffic for this long; 0 disables (Apache clientChannelMaxIdleTimeSeconds = 120).</summary>
    public int ChannelMaxIdleTimeSeconds { get; set; } = 120;

    /// <summary>Largest frame accepted from the server, length field included.</summary>
    public int MaxFrameLength { get; set; } = 16 * 1024 * 1024;

    /// <summary>SO_SNDBUF; 0 keeps the OS default.</summary>
    public int SocketSndBufSize { get; set; }

    /// <summary>SO_RCVBUF; 0 keeps the OS default.</summary>
    public int SocketRcvBufSize { get; set; }

    public int WriteBufferHighWaterMark { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Requests of one connection being processed at once; further ones wait (reading from that socket pauses).
    /// With the high-water mark this bounds the memory a connection that does not read its responses can pin.
    /// </summary>
    public int MaxInFlightRequestsPerConnection { get; set; } = 1024;

    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
