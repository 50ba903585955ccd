using System.Net.Security;
using Apache.Rocketmq.V2;
using Grpc.Core;
using Grpc.Net.Client;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>
/// One HTTP/2 connection to a silo's RocketMQ 5 endpoint, as Apache's 5.x clients keep one channel per endpoint, with
/// the headers they send on every call. TLS accepts any certificate, as Apache's Java and C# clients do.
/// </summary>
internal sealed class GrpcBenchChannel : IDisposable
{
    private readonly GrpcChannel _channel;

    public GrpcBenchChannel(string endpoint, bool tls)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false };
        if (tls)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }

        _channel = GrpcChannel.ForAddress($"{(tls ? "https" : "http")}://{endpoint}", new GrpcChannelOptions { HttpHandler = handler });
        Client = new MessagingService.MessagingServiceClient(_channel);
    }

    public MessagingService.MessagingServiceClient Client { get; }

    /// <summary>x-mq-client-id, x-mq-language, x-mq-protocol: the identifying headers of a 5.x client.</summary>
    public Metadata Headers { get; } = new()
    {
        { "x-mq-client-id", $"rmq-bench@{Environment.ProcessId}" },
        { "x-mq-language", "DOTNET" },
        { "x-mq-protocol", "v2" },
    };

    public void Dispose() => _channel.Dispose();
}
