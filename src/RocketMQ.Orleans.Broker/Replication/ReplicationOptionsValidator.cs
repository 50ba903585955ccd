using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Broker.Replication;

/// <summary>Validates <see cref="ReplicationOptions"/>: the data annotations plus the rules that tie settings together.</summary>
internal sealed class ReplicationOptionsValidator : IValidateOptions<ReplicationOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplicationOptions options)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(result => $"RocketMQ:Replication: {result.ErrorMessage ?? "invalid setting"}"));
        }

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"RocketMQ:Replication:Mode '{options.Mode}' is not one of None, Async, Sync.");
        }

        // A leader that heartbeats less than three times a lease loses it to one delayed or dropped report.
        if (options.Enabled && options.HeartbeatMillis * 3L > options.LeaseMillis)
        {
            failures.Add($"RocketMQ:Replication:HeartbeatMillis ({options.HeartbeatMillis}) must be at most a third of LeaseMillis ({options.LeaseMillis}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
