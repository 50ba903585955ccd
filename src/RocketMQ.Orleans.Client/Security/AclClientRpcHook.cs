using RocketMQ.Orleans.Protocol.Acl;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Security;

/// <summary>
/// Signs requests for RocketMQ ACL 1.0 as Java's <c>AclClientRPCHook</c>: adds <c>AccessKey</c> (and
/// <c>SecurityToken</c> when given), then <c>Signature</c> over the sorted ext fields and the body.
/// </summary>
public sealed class AclClientRpcHook : IClientRpcHook, IDisposable
{
    private readonly string _accessKey;
    private readonly string? _securityToken;
    private readonly AclHmac _hmac;

    public AclClientRpcHook(string accessKey, string secretKey, string? securityToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKey);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        _accessKey = accessKey;
        _securityToken = securityToken;
        _hmac = new AclHmac(secretKey);
    }

    public void BeforeRequest(string address, RemotingCommand request) => Sign(request, _accessKey, _hmac, _securityToken);

    /// <summary>Adds the credentials and the signature to <paramref name="request"/>.</summary>
    public static void Sign(RemotingCommand request, string accessKey, AclHmac secretKey, string? securityToken = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = request.ExtFields ??= new Dictionary<string, string>(StringComparer.Ordinal);
        fields[AclFields.AccessKey] = accessKey;
        if (securityToken is not null)
        {
            fields[AclFields.SecurityToken] = securityToken;
        }

        fields[AclFields.Signature] = AclSignature.Sign(fields, request.Body.Span, secretKey);
    }

    public void Dispose() => _hmac.Dispose();
}
