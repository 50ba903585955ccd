using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>The production checker: rounds run on this silo's <see cref="BrokerRuntime"/>, once the broker host started it.</summary>
internal sealed class BrokerRuntimeTransactionChecker(IServiceProvider services, IOptions<BrokerOptions> options) : ILocalTransactionChecker
{
    private BrokerRemotingHost? _host;

    private BrokerRuntime? Runtime =>
        (_host ??= services.GetServices<IHostedService>().OfType<BrokerRemotingHost>().FirstOrDefault())?.Runtime;

    public string? BrokerName => Runtime?.Identity.BrokerName;

    public TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.TransactionCheckInterval);

    public Task<TransactionCheckProgress> CheckAsync(CancellationToken cancellationToken) =>
        Runtime is { } runtime
            ? runtime.Transactions.Check.RunAsync(cancellationToken)
            : throw new InvalidOperationException("The broker of this silo is not running.");
}
