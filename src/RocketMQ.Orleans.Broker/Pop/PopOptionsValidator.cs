using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>Refuses POP settings that would hold no bound or flood the data directory with revive-log files.</summary>
internal sealed class PopOptionsValidator : IValidateOptions<PopOptions>
{
    /// <summary>Narrower windows make a file per few pops; wider ones revive spilled messages that much later.</summary>
    private static readonly TimeSpan MinBucket = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBucket = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, PopOptions options)
    {
        if (options.MaxCheckpointsInMemory < 0)
        {
            return ValidateOptionsResult.Fail($"{nameof(PopOptions.MaxCheckpointsInMemory)} must be 0 or more, not {options.MaxCheckpointsInMemory}.");
        }

        return options.ReviveLogBucket < MinBucket || options.ReviveLogBucket > MaxBucket
            ? ValidateOptionsResult.Fail($"{nameof(PopOptions.ReviveLogBucket)} must be between {MinBucket} and {MaxBucket}, not {options.ReviveLogBucket}.")
            : ValidateOptionsResult.Success;
    }
}
