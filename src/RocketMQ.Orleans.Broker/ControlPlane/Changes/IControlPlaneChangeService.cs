using Orleans;
using Orleans.Concurrency;
using Orleans.Services;

namespace RocketMQ.Orleans.Broker.ControlPlane.Changes;

/// <summary>The per-silo receiver of control-plane change notifications (an Orleans grain service).</summary>
[Alias("rmq.IControlPlaneChangeService")]
internal interface IControlPlaneChangeService : IGrainService
{
    [OneWay]
    [Alias("Notify")]
    Task NotifyAsync(ControlPlaneChange change);
}
