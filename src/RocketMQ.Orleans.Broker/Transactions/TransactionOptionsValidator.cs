using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>Refuses transaction settings the check cannot run with.</summary>
internal sealed class TransactionOptionsValidator : IValidateOptions<BrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        var failures = new List<string>();
        if (options.TransactionCheckInterval <= 0)
        {
            failures.Add($"{nameof(BrokerOptions.TransactionCheckInterval)} must be positive (ms), not {options.TransactionCheckInterval}.");
        }

        if (options.TransactionTimeOut < 0)
        {
            failures.Add($"{nameof(BrokerOptions.TransactionTimeOut)} must not be negative (ms), not {options.TransactionTimeOut}.");
        }

        if (options.TransactionCheckMax < 1)
        {
            failures.Add($"{nameof(BrokerOptions.TransactionCheckMax)} must be at least 1, not {options.TransactionCheckMax}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
