using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Filter;

namespace RocketMQ.Orleans.Broker.Filter;

/// <summary>Refuses SQL92 limits that would let a client's expression exhaust the stack or the heap.</summary>
internal sealed class FilterOptionsValidator : IValidateOptions<BrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        var failures = new List<string>();
        if (options.FilterExpressionMaxLength < 1)
        {
            failures.Add($"{nameof(BrokerOptions.FilterExpressionMaxLength)} must be at least 1, not {options.FilterExpressionMaxLength}.");
        }

        if (options.FilterExpressionMaxDepth is < 2 or > Sql92FilterLimits.UpperMaxDepth)
        {
            failures.Add($"{nameof(BrokerOptions.FilterExpressionMaxDepth)} must be between 2 and {Sql92FilterLimits.UpperMaxDepth}, not {options.FilterExpressionMaxDepth}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
