using Microsoft.Extensions.Hosting;

namespace RocketMQ.Orleans.Broker.Replication;

/// <summary>
/// Lets a replica restart its host in-process: a replica whose log holds a tail its group's new leader never had
/// must cut the log back before it opens (FasterLog cannot move its tail back in place), so it stops the host
/// and the executable builds a new one over the same data (see silo/Program.cs). A host that does not look at
/// <see cref="Requested"/> simply stops: fail-stop, which a supervisor restarts.
/// </summary>
public sealed class ReplicaRestartSignal(IHostApplicationLifetime lifetime)
{
    private string? reason;

    /// <summary>Why a restart was asked for, or null.</summary>
    public string? Requested => Volatile.Read(ref reason);

    public void RequestRestart(string why)
    {
        if (Interlocked.CompareExchange(ref reason, why, null) is null)
            lifetime.StopApplication();
    }
}
