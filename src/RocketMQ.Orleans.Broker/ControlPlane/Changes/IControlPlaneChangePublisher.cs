namespace RocketMQ.Orleans.Broker.ControlPlane.Changes;

/// <summary>Announces a control-plane change to every silo's <see cref="ControlPlaneChangeHub"/>.</summary>
public interface IControlPlaneChangePublisher
{
    Task PublishAsync(ControlPlaneChange change);
}
