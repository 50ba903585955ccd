using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Hosting;

/// <summary>
/// This silo's running broker for other transports hosted beside it (the gRPC endpoint): they serve the same
/// runtime and store, so they find it here once the broker's hosted service has started.
/// </summary>
public static class RunningBroker
{
    /// <summary>The started broker runtime of the silo, or null before the broker started or after it stopped.</summary>
    public static BrokerRuntime? Find(IServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<BrokerRemotingHost>().FirstOrDefault()?.Runtime;
}
