using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>Adds the transaction check of this silo's broker group (the agent that attaches it to its TransactionCheckGrain).</summary>
public static class TransactionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the check agent as a hosted service: call after the broker's own hosted service, so it starts once the
    /// broker runs. The transaction options (in BrokerOptions) are validated on start.
    /// </summary>
    public static IServiceCollection AddRocketMQTransactionChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrokerOptions>, TransactionOptionsValidator>());
        services.AddOptions<BrokerOptions>().ValidateOnStart();
        services.TryAddSingleton<ILocalTransactionChecker, BrokerRuntimeTransactionChecker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TransactionCheckAgent>());
        return services;
    }
}
