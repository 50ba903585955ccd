using System.Net;
using RocketMQ.Orleans.Protocol.Acl;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>
/// Apache's plain ACL check of one request (<c>PlainPermissionManager.validate</c>), in its order: a peer in
/// <c>globalWhiteRemoteAddresses</c> passes; then the access key must be present and known; a peer in the account's
/// <c>whiteRemoteAddress</c> passes; then the signature must verify; then admin codes and resource permissions.
/// </summary>
public sealed class PlainAccessValidator(Func<AclConfig> config)
{
    /// <summary>Null when the request may proceed, else the SYSTEM_ERROR remark Apache answers.</summary>
    public string? Validate(RemotingCommand request, EndPoint? remote)
    {
        var current = config();
        Span<byte> address = stackalloc byte[16];
        address = address[..RemoteAddressPattern.WriteAddress(remote, address)];
        if (address.Length > 0)
        {
            foreach (var pattern in current.GlobalWhiteRemoteAddresses)
            {
                if (pattern.Matches(address))
                {
                    return null;
                }
            }
        }

        var fields = request.ExtFields;
        if (fields is null || !fields.TryGetValue(AclFields.AccessKey, out var accessKey))
        {
            return AclRemarks.NoAccessKey();
        }

        if (!current.Accounts.TryGetValue(accessKey, out var account))
        {
            return AclRemarks.NoAccount(accessKey);
        }

        if (address.Length > 0 && account.WhiteRemoteAddress.Matches(address))
        {
            return null;
        }

        if (!AclSignature.Verify(fields, request.Body.Span, account.Hmac, fields.GetValueOrDefault(AclFields.Signature)))
        {
            return AclRemarks.SignatureFailed(accessKey);
        }

        return AclResourceCheck.Check(account, request);
    }
}
