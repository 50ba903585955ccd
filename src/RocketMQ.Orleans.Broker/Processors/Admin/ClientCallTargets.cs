using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// The transports besides remoting through which a broker's admin calls reach consumers: the gRPC endpoint adds its
/// Telemetry streams while it runs. One set per broker runtime, as the admin processors' control plane.
/// </summary>
public sealed class ClientCallTargets
{
    private static readonly ConditionalWeakTable<BrokerRuntime, ClientCallTargets> ByRuntime = [];
    private ImmutableArray<IClientCallTarget> _targets = [];

    /// <summary>The set of <paramref name="runtime"/>'s admin processors.</summary>
    public static ClientCallTargets For(BrokerRuntime runtime) => ByRuntime.GetValue(runtime, static _ => new ClientCallTargets());

    internal ImmutableArray<IClientCallTarget> Targets => _targets;

    /// <summary>Adds a transport to ask; disposing the result removes it again.</summary>
    public IDisposable Add(IClientCallTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        ImmutableInterlocked.Update(ref _targets, static (targets, added) => targets.Add(added), target);
        return new Removal(this, target);
    }

    private sealed class Removal(ClientCallTargets owner, IClientCallTarget target) : IDisposable
    {
        public void Dispose() =>
            ImmutableInterlocked.Update(ref owner._targets, static (targets, removed) => targets.Remove(removed), target);
    }
}
