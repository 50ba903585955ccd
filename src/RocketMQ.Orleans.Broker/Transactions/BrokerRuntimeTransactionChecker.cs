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

    // A follower of a replicated group neither writes op messages nor talks to producers (they send to the leader):
    // it stays out of its group's checks until it leads.
    public string? BrokerName =>
        Runtime is { } runtime && (runtime.Store.ReplicationGate is not { } gate || gate.AdmitWrite(out _) == Store.PutMessageStatus.PutOk)
            ? runtime.Identity.BrokerName
            : null;

    public TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.TransactionCheckInterval);

    public Task<TransactionCheckProgress> CheckAsync(CancellationToken cancellationToken) =>
        Runtime is { } runtime
            ? runtime.Transactions.Check.RunAsync(cancellationToken)
            : throw new InvalidOperationException("The broker of this silo is not running.");
}
