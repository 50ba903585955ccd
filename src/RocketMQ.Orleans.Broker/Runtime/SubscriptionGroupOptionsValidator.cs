using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Refuses an auto-creation cap that could not let a single group in (turn auto-creation off for that).</summary>
internal sealed class SubscriptionGroupOptionsValidator : IValidateOptions<BrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerOptions options) =>
        options.MaxAutoCreatedSubscriptionGroups < 1
            ? ValidateOptionsResult.Fail(
                $"{nameof(BrokerOptions.MaxAutoCreatedSubscriptionGroups)} must be at least 1, not {options.MaxAutoCreatedSubscriptionGroups} " +
                $"(set {nameof(BrokerOptions.AutoCreateSubscriptionGroup)} to false to create no group automatically).")
            : ValidateOptionsResult.Success;
}
