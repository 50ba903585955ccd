using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RocketMQ.Orleans.Grpc.Hosting;

/// <summary>The server certificate of a TLS gRPC endpoint: loaded from a PKCS#12 file or generated self-signed.</summary>
internal static class GrpcCertificates
{
    public static X509Certificate2 Load(GrpcTlsOptions tls, string advertisedHost) =>
        tls.SelfSigned
            ? CreateSelfSigned(advertisedHost)
            : X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath!, string.IsNullOrEmpty(tls.CertificatePassword) ? null : tls.CertificatePassword);

    /// <summary>
    /// An ECDSA P-256 certificate for the host, localhost and the loopback addresses, valid for a year. Exported and
    /// re-imported, so the key is a persisted-style key handle TLS stacks accept on every platform.
    /// </summary>
    public static X509Certificate2 CreateSelfSigned(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={(host.Length > 0 ? host : "localhost")}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(host, out var ip))
        {
            if (!IPAddress.IsLoopback(ip))
            {
                names.AddIpAddress(ip);
            }
        }
        else if (host.Length > 0 && host != "localhost")
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
