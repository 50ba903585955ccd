namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>Settings of one fuzzing round (<c>rmq fuzz</c>).</summary>
internal sealed record FuzzSettings
{
    public required string NameServer { get; init; }

    /// <summary>Total frames sent, over all connections.</summary>
    public long Frames { get; init; } = 20_000;

    public int Connections { get; init; } = 16;

    public long Seed { get; init; } = 1;

    /// <summary>Answers awaited at once per connection.</summary>
    public int Window { get; init; } = 8;

    /// <summary>The silo's frame limit (RocketMQ:Remoting:MaxFrameLength), so the oracle refuses what the server refuses.</summary>
    public int MaxFrameLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>How long a decodable request may wait for its answer, and a bad frame for its connection's close.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The silo's process id: its RSS is sampled and its liveness checked. None: only the final probe checks it.</summary>
    public int? SiloPid { get; init; }

    /// <summary>Largest allowed RSS growth from start to peak, in MiB (with <see cref="SiloPid"/>).</summary>
    public long MaxRssGrowthMiB { get; init; } = 512;

    public IReadOnlySet<FuzzMutation> Excluded { get; init; } = new HashSet<FuzzMutation>();

    /// <summary>Run the well-behaved producer and consumer beside the fuzzer.</summary>
    public bool GoodPair { get; init; } = true;

    /// <summary>Send only this frame (as in a full round with the same seed and connection count) and trace it.</summary>
    public long? Replay { get; init; }

    /// <summary>The listener a connection talks to: one in four goes to the name server.</summary>
    public static FuzzTarget TargetOf(int connection) => connection % 4 == 3 ? FuzzTarget.NameServer : FuzzTarget.Broker;

    /// <summary>The connection that sends frame <paramref name="index"/> (frames are dealt round-robin).</summary>
    public int ConnectionOf(long index) => (int)(index % Connections);
}
