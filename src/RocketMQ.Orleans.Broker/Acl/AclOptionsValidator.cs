using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>ACL on needs a file that exists: a missing file would otherwise refuse every request with no hint why.</summary>
internal sealed class AclOptionsValidator : IValidateOptions<AclOptions>
{
    public ValidateOptionsResult Validate(string? name, AclOptions options)
    {
        if (options.ReloadDelay < TimeSpan.Zero || options.ReloadDelay > TimeSpan.FromMinutes(1))
        {
            return ValidateOptionsResult.Fail("RocketMQ:Acl:ReloadDelay must lie between 0 and 1 minute.");
        }

        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.File))
        {
            return ValidateOptionsResult.Fail("RocketMQ:Acl:File must name the plain_acl.yml file when RocketMQ:Acl:Enabled is true.");
        }

        return System.IO.File.Exists(options.File)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"RocketMQ:Acl:File '{Path.GetFullPath(options.File)}' does not exist.");
    }
}
