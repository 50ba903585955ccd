namespace RocketMQ.Orleans.Grpc.Hosting;

/// <summary>
/// TLS of the gRPC endpoint ("RocketMQ:Grpc:Tls"): off unless a certificate is configured or <see cref="SelfSigned"/>
/// is set. HTTP/2 is then negotiated by ALPN, as the 5.x clients' <c>sslEnabled</c> expects.
/// </summary>
public sealed class GrpcTlsOptions
{
    /// <summary>A PKCS#12 (.pfx/.p12) file with the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>; empty for none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Generate an in-memory self-signed certificate at start (for the advertised host, localhost and the loopback addresses).</summary>
    public bool SelfSigned { get; set; }

    public bool Enabled => SelfSigned || !string.IsNullOrEmpty(CertificatePath);
}
