using System.Net;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Console.Hosting;

/// <summary>Checks what the data annotations cannot: the listen address parses as an IP address.</summary>
internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        return IPAddress.TryParse(options.ListenAddress, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"RocketMQ:Console:ListenAddress '{options.ListenAddress}' is not an IP address.");
    }
}
