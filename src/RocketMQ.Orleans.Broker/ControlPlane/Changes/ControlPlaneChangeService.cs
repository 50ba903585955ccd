using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace RocketMQ.Orleans.Broker.ControlPlane.Changes;

/// <summary>Receives change notifications sent to this silo and hands them to the local hub.</summary>
internal sealed class ControlPlaneChangeService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, ControlPlaneChangeHub hub)
    : GrainService(grainId, silo, loggerFactory), IControlPlaneChangeService
{
    public Task NotifyAsync(ControlPlaneChange change)
    {
        hub.Publish(change);
        return Task.CompletedTask;
    }
}
