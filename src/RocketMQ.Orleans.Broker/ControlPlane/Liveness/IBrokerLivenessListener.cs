using Orleans.Runtime;

namespace RocketMQ.Orleans.Broker.ControlPlane.Liveness;

/// <summary>Told when a silo's Orleans status changes, i.e. when the broker group members it hosts die or join.</summary>
public interface IBrokerLivenessListener
{
    /// <summary>Runs on the membership watcher; must be quick and must not throw.</summary>
    void OnSiloStatusChanged(SiloAddress silo, SiloStatus status);
}
