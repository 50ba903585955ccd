namespace RocketMQ.Orleans.Grpc.Hosting;

/// <summary>The RocketMQ 5 gRPC endpoint's settings, bound from the "RocketMQ:Grpc" configuration section.</summary>
public sealed class GrpcOptions
{
    public const string SectionName = "RocketMQ:Grpc";

    /// <summary>
    /// Off unless configured: a silo's appsettings.json turns it on; test hosts that start several silos in one
    /// process would otherwise all reach for port 8081.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Port of the MessagingService (plaintext HTTP/2, h2c, unless <see cref="Tls"/> is configured); 0 takes a free port.</summary>
    public int Port { get; set; } = 8081;

    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>Host given to clients in routes; empty means the broker's IP (BrokerIP1).</summary>
    public string AdvertisedHost { get; set; } = string.Empty;

    /// <summary>Longest wait a receive may ask for (its long-polling timeout is capped to it).</summary>
    public TimeSpan MaxLongPollingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Receive batch size announced to consumers in their settings.</summary>
    public int ReceiveBatchSize { get; set; } = 32;

    /// <summary>Largest message body a producer is told it may send.</summary>
    public int MaxBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// RocketMQ 5's topic message-type check (Apache proxy enableTopicMessageTypeCheck): a send whose type does not
    /// match its topic's <c>message.type</c> attribute is refused, and producers are told to validate it too.
    /// Topics without the attribute take every type either way.
    /// </summary>
    public bool EnableTopicMessageTypeCheck { get; set; } = true;

    /// <summary>TLS ("RocketMQ:Grpc:Tls"); plaintext while neither a certificate nor SelfSigned is set.</summary>
    public GrpcTlsOptions Tls { get; set; } = new();
}
