using Microsoft.Extensions.DependencyInjection;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// The name-server role every silo plays on its name-server port: routes, cluster and topic lists and KV config,
/// all answered from this silo's control-plane caches.
/// </summary>
public static class NameServerProcessors
{
    /// <summary>Every request code the name server answers.</summary>
    public static IReadOnlyList<int> RequestCodes { get; } =
    [
        RequestCode.GetRouteInfoByTopic,
        .. ClusterInfoProcessor.RequestCodes,
        .. KvConfigProcessor.RequestCodes,
        .. BrokerRegistrationProcessor.RequestCodes,
        RequestCode.DeleteTopicInNamesrv,
        .. BrokerWritePermProcessor.RequestCodes,
        .. NameServerConfigProcessor.RequestCodes,
        RequestCode.GetSystemTopicListFromNs,
    ];

    /// <summary>
    /// Registers the name-server processors, built from <paramref name="services"/> (the silo's: control-plane caches,
    /// <see cref="KvConfigCache"/>, grain factory, broker identity), all on <paramref name="executor"/>.
    /// </summary>
    public static RequestDispatcherBuilder Register(RequestDispatcherBuilder builder, IServiceProvider services, RequestExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(executor);
        builder.Register(RequestCode.GetRouteInfoByTopic, ActivatorUtilities.CreateInstance<RouteInfoProcessor>(services), executor);
        builder.Register(ClusterInfoProcessor.RequestCodes, ActivatorUtilities.CreateInstance<ClusterInfoProcessor>(services), executor);
        builder.Register(KvConfigProcessor.RequestCodes, ActivatorUtilities.CreateInstance<KvConfigProcessor>(services), executor);
        builder.Register(BrokerRegistrationProcessor.RequestCodes, ActivatorUtilities.CreateInstance<BrokerRegistrationProcessor>(services), executor);
        builder.Register(RequestCode.DeleteTopicInNamesrv, ActivatorUtilities.CreateInstance<DeleteTopicProcessor>(services), executor);
        builder.Register(BrokerWritePermProcessor.RequestCodes, ActivatorUtilities.CreateInstance<BrokerWritePermProcessor>(services), executor);
        builder.Register(NameServerConfigProcessor.RequestCodes, ActivatorUtilities.CreateInstance<NameServerConfigProcessor>(services), executor);
        builder.Register(RequestCode.GetSystemTopicListFromNs, ActivatorUtilities.CreateInstance<SystemTopicListProcessor>(services), executor);
        return builder;
    }
}
