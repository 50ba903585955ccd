using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Refuses long-polling settings that would hold pulls without bound or not at all.</summary>
internal sealed class LongPollingOptionsValidator : IValidateOptions<BrokerOptions>
{
    /// <summary>An hour: beyond it a held pull only pins memory; clients re-pull long before.</summary>
    public const int UpperMaxSuspendMillis = 3_600_000;

    public ValidateOptionsResult Validate(string? name, BrokerOptions options) =>
        options.LongPollingMaxSuspendMillis is < 1 or > UpperMaxSuspendMillis
            ? ValidateOptionsResult.Fail(
                $"{nameof(BrokerOptions.LongPollingMaxSuspendMillis)} must be between 1 and {UpperMaxSuspendMillis} ms, not {options.LongPollingMaxSuspendMillis}.")
            : ValidateOptionsResult.Success;
}
