using System.Runtime.CompilerServices;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// Registers the broker port's admin request codes: topic and subscription-group management (through the control
/// plane's grains) and the store-backed figures (runtime info, consume and topic stats, consumer connections).
/// </summary>
public static class AdminProcessors
{
    private static readonly ConditionalWeakTable<BrokerRuntime, AdminControlPlane> ControlPlanes = [];
    private static readonly ConditionalWeakTable<RequestDispatcherBuilder, BrokerRuntime> Registered = [];

    /// <summary>
    /// Gives <paramref name="runtime"/>'s admin processors their control plane; the hosting does this before the
    /// runtime registers its processors. Without it only the store-backed admin codes are served.
    /// </summary>
    public static void UseControlPlane(BrokerRuntime runtime, AdminControlPlane controlPlane)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(controlPlane);
        ControlPlanes.AddOrUpdate(runtime, controlPlane);
    }

    /// <summary>
    /// Registers the admin processors on the runtime's admin executor (created by the runtime if needed). Idempotent
    /// per dispatcher builder, so both the runtime and the hosting may call it.
    /// </summary>
    public static void Register(RequestDispatcherBuilder broker, BrokerRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(runtime);
        if (!Registered.TryAdd(broker, runtime))
        {
            return;
        }

        var executor = runtime.AdminExecutor
            ?? runtime.CreateExecutor("admin", runtime.Options.ManagementThreads, runtime.Options.ManagementQueueCapacity);
        var loggers = runtime.LoggerFactory;

        broker.Register(ConsumeStatsProcessor.RequestCodes,
            new ConsumeStatsProcessor(runtime.Store, runtime.Topics, runtime.ConsumerManager, runtime.Identity), executor);
        broker.Register(ConsumerAdminProcessor.RequestCodes, new ConsumerAdminProcessor(runtime.ConsumerManager, runtime.Store), executor);
        broker.Register(Protocol.Remoting.RequestCode.GetBrokerRuntimeInfo, new BrokerRuntimeInfoProcessor(runtime.Store, runtime.TimeProvider, runtime.FindExecutor), executor);
        broker.Register(BrokerConfigProcessor.RequestCodes, new BrokerConfigProcessor(runtime,
            Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<BrokerConfigProcessor>(loggers)), executor);
        broker.Register(ClientCallProcessor.RequestCodes, new ClientCallProcessor(runtime), executor);
        broker.Register(Protocol.Remoting.RequestCode.QueryConsumeQueue, new ConsumeQueueQueryProcessor(runtime), executor);
        broker.Register(Protocol.Remoting.RequestCode.GetBrokerConsumeStats, new BrokerConsumeStatsProcessor(runtime), executor);
        broker.Register(OffsetMaintenanceProcessor.RequestCodes, new OffsetMaintenanceProcessor(runtime), executor);
        broker.Register(Protocol.Remoting.RequestCode.ViewBrokerStatsData, new BrokerStatsDataProcessor(), executor);
        broker.Register(Protocol.Remoting.RequestCode.InvokeBrokerToGetConsumerStatus, new ConsumerStatusProcessor(runtime), executor);
        broker.Register(Protocol.Remoting.RequestCode.ResumeCheckHalfMessage, new Transactions.ResumeCheckHalfMessageProcessor(runtime), executor);
        // Request-reply is a send family (Apache runs it on the send pool); registered here to leave the runtime's table alone.
        broker.Register(Reply.ReplyMessageProcessor.RequestCodes, new Reply.ReplyMessageProcessor(runtime), runtime.FindExecutor("send") ?? executor);

        if (!ControlPlanes.TryGetValue(runtime, out var controlPlane))
        {
            return;
        }

        broker.Register(TopicAdminProcessor.RequestCodes, new TopicAdminProcessor(
            controlPlane.Grains,
            runtime.Identity,
            controlPlane.Topics,
            controlPlane.Directories,
            runtime.Store,
            runtime.Options.MaxQueueNumsPerTopic,
            Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<TopicAdminProcessor>(loggers)), executor);
        broker.Register(SubscriptionGroupAdminProcessor.RequestCodes, new SubscriptionGroupAdminProcessor(
            controlPlane.Grains,
            controlPlane.SubscriptionGroups,
            new SubscriptionGroupIndex(controlPlane.Grains, controlPlane.KvConfig),
            runtime.ConsumerManager,
            runtime.Store,
            Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<SubscriptionGroupAdminProcessor>(loggers)), executor);
    }
}
