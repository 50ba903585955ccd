using System.Net;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Broker.ControlPlane.Registration;

/// <summary>Rejects a broker identity RocketMQ clients could not use.</summary>
internal sealed class BrokerIdentityOptionsValidator : IValidateOptions<BrokerIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerIdentityOptions options)
    {
        var failures = new List<string>();
        if (!IsValidName(options.BrokerName))
        {
            failures.Add($"{nameof(options.BrokerName)} '{options.BrokerName}' must be 1-127 characters of letters, digits, '-', '_', '.' or ':'.");
        }

        if (!IsValidName(options.BrokerClusterName))
        {
            failures.Add($"{nameof(options.BrokerClusterName)} '{options.BrokerClusterName}' must be 1-127 characters of letters, digits, '-', '_', '.' or ':'.");
        }

        if (options.BrokerId < 0)
        {
            failures.Add($"{nameof(options.BrokerId)} must not be negative (0 is the master).");
        }

        if (!IPAddress.TryParse(options.BrokerIP1, out _))
        {
            failures.Add($"{nameof(options.BrokerIP1)} '{options.BrokerIP1}' is not an IP address.");
        }

        if (options.ListenPort is < 1 or > 65535)
        {
            failures.Add($"{nameof(options.ListenPort)} {options.ListenPort} is not a TCP port.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= 127
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
