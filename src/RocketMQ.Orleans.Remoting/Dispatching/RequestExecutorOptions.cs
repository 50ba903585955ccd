namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>Sizing of one <see cref="RequestExecutor"/>.</summary>
public sealed class RequestExecutorOptions
{
    /// <summary>Name used in logs and the [OVERLOAD] diagnostics.</summary>
    public string Name { get; set; } = "remoting";

    /// <summary>Requests processed at the same time (synchronous part of the processor).</summary>
    public int Concurrency { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Requests waiting for a worker; beyond this the peer gets SYSTEM_BUSY [OVERLOAD].</summary>
    public int QueueCapacity { get; set; } = 10_000;
}
