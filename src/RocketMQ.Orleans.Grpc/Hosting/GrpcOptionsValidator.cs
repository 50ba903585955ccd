using Microsoft.Extensions.Options;
using System.Net;

namespace RocketMQ.Orleans.Grpc.Hosting;

internal sealed class GrpcOptionsValidator : IValidateOptions<GrpcOptions>
{
    public ValidateOptionsResult Validate(string? name, GrpcOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"RocketMQ:Grpc:Port must be 0..65535 (was {options.Port}).");
        }

        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"RocketMQ:Grpc:ListenAddress must be an IP address (was '{options.ListenAddress}').");
        }

        if (options.MaxLongPollingTimeout <= TimeSpan.Zero)
        {
            failures.Add("RocketMQ:Grpc:MaxLongPollingTimeout must be positive.");
        }

        if (options.ReceiveBatchSize is < 1 or > 32)
        {
            failures.Add($"RocketMQ:Grpc:ReceiveBatchSize must be 1..32 (was {options.ReceiveBatchSize}).");
        }

        if (options.MaxBodySize <= 0)
        {
            failures.Add("RocketMQ:Grpc:MaxBodySize must be positive.");
        }

        if (options.Tls.SelfSigned && !string.IsNullOrEmpty(options.Tls.CertificatePath))
        {
            failures.Add("RocketMQ:Grpc:Tls: set either CertificatePath or SelfSigned, not both.");
        }
        else if (!string.IsNullOrEmpty(options.Tls.CertificatePath) && !File.Exists(options.Tls.CertificatePath))
        {
            failures.Add($"RocketMQ:Grpc:Tls:CertificatePath '{options.Tls.CertificatePath}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
