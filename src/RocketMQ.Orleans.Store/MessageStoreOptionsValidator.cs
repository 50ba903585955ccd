using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Store;

/// <summary>Validates <see cref="MessageStoreOptions"/>: the data annotations plus the rules that tie settings together.</summary>
public sealed class MessageStoreOptionsValidator : IValidateOptions<MessageStoreOptions>
{
    private const int RecordHeaderSize = 12;

    public ValidateOptionsResult Validate(string? name, MessageStoreOptions options)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            failures.AddRange(results.Select(r => r.ErrorMessage ?? "invalid setting"));

        long pageSize = 1L << options.CommitLogPageSizeBits;
        if (options.MaxMessageSize + RecordHeaderSize + 8 > pageSize)
            failures.Add($"MaxMessageSize ({options.MaxMessageSize}) must fit in one commit-log page (2^{options.CommitLogPageSizeBits} bytes).");
        if (options.CommitLogMemorySizeBits < options.CommitLogPageSizeBits + 1)
            failures.Add("CommitLogMemorySizeBits must hold at least two pages.");
        if (options.CommitLogSegmentSizeBits < options.CommitLogPageSizeBits)
            failures.Add("CommitLogSegmentSizeBits must be at least CommitLogPageSizeBits.");
        if (!Schedule.DelayLevelTable.TryParse(options.MessageDelayLevel, out _, out var delayError))
            failures.Add(delayError!);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> when the options are invalid.</summary>
    public static void ThrowIfInvalid(MessageStoreOptions options)
    {
        var result = new MessageStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(MessageStoreOptions), result.Failures);
    }
}
