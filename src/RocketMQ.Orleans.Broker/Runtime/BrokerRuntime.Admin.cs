using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    /// <summary>The admin request codes (topic/group management, stats) live in Processors/Admin.</summary>
    private void RegisterAdminProcessors(RequestDispatcherBuilder broker) => AdminProcessors.Register(broker, this);

    /// <summary>
    /// The runtime's executor of that name ("send", "pull", "query", …), null before <see cref="RegisterProcessors"/>;
    /// runtime info reports their queue lengths as Apache reports its thread pools'.
    /// </summary>
    internal RequestExecutor? FindExecutor(string name)
    {
        lock (_executors)
        {
            return _executors.Find(executor => string.Equals(executor.Name, name, StringComparison.Ordinal));
        }
    }
}
