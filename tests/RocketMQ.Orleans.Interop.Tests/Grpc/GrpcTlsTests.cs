using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Apache.Rocketmq.V2;
using Grpc.Net.Client;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// The gRPC endpoint over TLS (HTTP/2 negotiated by ALPN). Apache's Node.js client 1.0.8 with <c>sslEnabled</c>
/// verifies the server certificate (grpc-js createSsl() with the default roots), so the tests trust the silo's
/// certificate through grpc-js' GRPC_DEFAULT_SSL_ROOTS_FILE_PATH; Apache's Java and C# clients accept any certificate, as the .NET channel
/// here does.
/// </summary>
public sealed class GrpcTlsTests : IDisposable
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(90);
    private readonly string _directory = Directory.CreateTempSubdirectory("rmq-grpc-tls-").FullName;

    [Fact]
    public async Task A_self_signed_endpoint_serves_a_node_client_over_tls_and_a_client_accepting_any_certificate()
    {
        var port = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync([new(SiloSettings.GrpcPort, port.ToString()), new("RocketMQ:Grpc:Tls:SelfSigned", "true")]);
        await GrpcSilo.WaitForGrpcAsync(silo, port);

        // What Apache's Java/C# clients do: TLS, any certificate accepted.
        using var channel = GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } },
        });
        var route = await new MessagingService.MessagingServiceClient(channel)
            .QueryRouteAsync(new QueryRouteRequest { Topic = new Resource { Name = "GrpcTlsAnyCert" } }, GrpcSilo.Headers());
        Assert.Equal(Code.Ok, route.Status.Code);

        // The generated certificate, as the server presents it, trusted by node for the Node client.
        var pem = Path.Combine(_directory, "self-signed.pem");
        await File.WriteAllTextAsync(pem, (await PresentedCertificateAsync(port)).ExportCertificatePem());
        await RoundTripAsync(port, pem, "GrpcTlsSelfSigned");
    }

    [Fact]
    public async Task A_configured_pkcs12_certificate_with_a_password_serves_a_node_client_over_tls()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=rmq-grpc-tls-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = Path.Combine(_directory, "server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-secret"));
        var pem = Path.Combine(_directory, "server.pem");
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());

        var port = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync([
            new(SiloSettings.GrpcPort, port.ToString()),
            new("RocketMQ:Grpc:Tls:CertificatePath", pfx),
            new("RocketMQ:Grpc:Tls:CertificatePassword", "pfx-secret"),
        ]);
        await GrpcSilo.WaitForGrpcAsync(silo, port);
        Assert.Equal(certificate.Thumbprint, (await PresentedCertificateAsync(port)).Thumbprint);
        await RoundTripAsync(port, pem, "GrpcTlsPkcs12");
    }

    private static async Task RoundTripAsync(int port, string trustedPem, string topic)
    {
        const int count = 4;
        await using var scenario = NodeScenario.Start("grpc5.js", new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{port}",
            ["sslEnabled"] = true,
            ["topic"] = topic,
            ["group"] = "GID_" + topic,
            ["count"] = count,
            ["unackedSeq"] = -1,
            ["awaitMs"] = 1000,
            ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        }, environment: new Dictionary<string, string> { ["GRPC_DEFAULT_SSL_ROOTS_FILE_PATH"] = trustedPem });
        var lines = await scenario.WaitForExitAsync(ScenarioTimeout);
        Assert.Equal(count, lines.Count(l => l["event"]!.GetValue<string>() == "sent"));
        var received = lines.Where(l => l["event"]!.GetValue<string>() == "received").ToList();
        Assert.Equal(Enumerable.Range(0, count), received.Select(l => l["seq"]!.GetValue<int>()).Order());
    }

    /// <summary>The certificate the endpoint presents, read by a TLS handshake offering ALPN h2 (as gRPC clients do).</summary>
    private static async Task<X509Certificate2> PresentedCertificateAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ApplicationProtocols = [SslApplicationProtocol.Http2],
        });
        Assert.Equal(SslApplicationProtocol.Http2, tls.NegotiatedApplicationProtocol);
        return new X509Certificate2(tls.RemoteCertificate!);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
