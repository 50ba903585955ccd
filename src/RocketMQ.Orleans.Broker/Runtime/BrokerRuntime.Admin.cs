using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    /// <summary>The admin request codes (topic/group management, stats) live in Processors/Admin.</summary>
    private void RegisterAdminProcessors(RequestDispatcherBuilder broker) => AdminProcessors.Register(broker, this);
}
