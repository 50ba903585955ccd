namespace RocketMQ.Orleans.Remoting;

/// <summary>
/// Remoting endpoint settings. Names and defaults follow Apache's NettyServerConfig where one exists;
/// thread counts are sized for this runtime (DotNetty is fastest with one or two event loops on small machines).
/// </summary>
public sealed class RemotingServerOptions
{
    public const string SectionName = "RocketMQ:Remoting";

    /// <summary>Broker port (Apache listenPort). 0 picks an ephemeral port (tests).</summary>
    public int ListenPort { get; set; } = 10911;

    /// <summary>Name-server port. 0 picks an ephemeral port (tests).</summary>
    public int NameServerPort { get; set; } = 9876;

    /// <summary>Also listen on the broker's VIP port, <see cref="ListenPort"/> − 2, which Java clients may use.</summary>
    public bool EnableVipChannel { get; set; } = true;

    /// <summary>Address the servers bind to.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Default processor concurrency (Apache serverWorkerThreads) for executors built from these options.</summary>
    public int ServerWorkerThreads { get; set; } = 8;

    /// <summary>Queue capacity of the default executor; a full queue answers SYSTEM_BUSY [OVERLOAD].</summary>
    public int ServerWorkerQueueCapacity { get; set; } = 10_000;

    /// <summary>Network event loops (Apache serverSelectorThreads). Each reserves a pooled-allocator arena (~16 MB).</summary>
    public int ServerSelectorThreads { get; set; } = Math.Clamp(Environment.ProcessorCount / 2, 1, 4);

    /// <summary>A connection with no read or write for this long is closed (Apache serverChannelMaxIdleTimeSeconds). 0 disables.</summary>
    public int ChannelMaxIdleTimeSeconds { get; set; } = 120;

    /// <summary>Largest frame accepted, length field included (Apache's 16 MiB).</summary>
    public int MaxFrameLength { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Largest request header accepted (checked on the frame's prefix; a longer one closes the connection). Real clients
    /// stay far below: a send's properties are at most 32,767 bytes in the stored layout (about 115 KB JSON-escaped at
    /// worst) and heartbeats, registrations and batches travel in bodies. Without it, a peer's megabyte headers become
    /// megabyte strings on the large-object heap, which the wire fuzzer showed growing the silo's memory without bound.
    /// </summary>
    public int MaxHeaderLength { get; set; } = 128 * 1024;

    /// <summary>SO_SNDBUF of accepted sockets; 0 keeps the OS default.</summary>
    public int ServerSocketSndBufSize { get; set; }

    /// <summary>SO_RCVBUF of accepted sockets; 0 keeps the OS default.</summary>
    public int ServerSocketRcvBufSize { get; set; }

    /// <summary>Accept backlog (Apache's 1024).</summary>
    public int ServerSocketBacklog { get; set; } = 1024;

    /// <summary>
    /// Bytes queued for a connection above which it counts as not reading: reading its requests pauses until
    /// the queue drains below half of this.
    /// </summary>
    public int WriteBufferHighWaterMark { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Requests of one connection being processed at once; further ones wait (reading from that socket pauses).
    /// With the high-water mark this bounds the memory a connection that does not read its responses can pin.
    /// </summary>
    public int MaxInFlightRequestsPerConnection { get; set; } = 1024;

    /// <summary>A connection that stays over the high-water mark this long is closed. 0 only pauses it.</summary>
    public int SlowReaderTimeoutSeconds { get; set; } = 30;

    /// <summary>Options for an executor sized by <see cref="ServerWorkerThreads"/> and <see cref="ServerWorkerQueueCapacity"/>.</summary>
    public Dispatching.RequestExecutorOptions DefaultExecutorOptions(string name) => new()
    {
        Name = name,
        Concurrency = ServerWorkerThreads,
        QueueCapacity = ServerWorkerQueueCapacity,
    };

    /// <summary>Timeout of the event loops' shutdown; short so hosts and tests stop promptly.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
