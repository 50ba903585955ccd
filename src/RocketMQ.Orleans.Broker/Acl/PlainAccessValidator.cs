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
    private const int Sha1Length = 20;

    /// <summary>Null when the request may proceed, else the SYSTEM_ERROR remark Apache answers.</summary>
    public string? Validate(RemotingCommand request, EndPoint? remote)
    {
        var current = config();
        Span<byte> address = stackalloc byte[16];
        address = address[..RemoteAddressPattern.WriteAddress(remote, address)];
        if (IsGloballyWhite(current, address))
        {
            return null;
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

    /// <summary>
    /// A RocketMQ 5 (gRPC) caller, in the same order: <paramref name="signature"/> is the hex HMAC-SHA1 with the
    /// account's secret key over <paramref name="signedContent"/> (the <c>x-mq-date-time</c> header, as Apache's proxy
    /// signs it). Null when it may proceed, else the refusal remark; <paramref name="account"/> is set when its
    /// resource permissions are still to be checked (<see cref="AclResourceCheck"/>), null for a white-listed peer.
    /// </summary>
    public string? Authenticate(string? accessKey, string? signedContent, string? signature, EndPoint? remote, out AclAccount? account)
    {
        account = null;
        var current = config();
        Span<byte> address = stackalloc byte[16];
        address = address[..RemoteAddressPattern.WriteAddress(remote, address)];
        if (IsGloballyWhite(current, address))
        {
            return null;
        }

        if (string.IsNullOrEmpty(accessKey))
        {
            return AclRemarks.NoAccessKey();
        }

        if (!current.Accounts.TryGetValue(accessKey, out var found))
        {
            return AclRemarks.NoAccount(accessKey);
        }

        if (address.Length > 0 && found.WhiteRemoteAddress.Matches(address))
        {
            return null;
        }

        if (!VerifyHex(found.Hmac, signedContent, signature))
        {
            return AclRemarks.SignatureFailed(accessKey);
        }

        account = found;
        return null;
    }

    private static bool VerifyHex(AclHmac hmac, string? content, string? signature)
    {
        if (content is null || signature is null || signature.Length != 2 * Sha1Length)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[Sha1Length];
        if (Convert.FromHexString(signature, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != Sha1Length)
        {
            return false;
        }

        var length = System.Text.Encoding.UTF8.GetMaxByteCount(content.Length);
        Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        bytes = bytes[..System.Text.Encoding.UTF8.GetBytes(content, bytes)];
        Span<byte> expected = stackalloc byte[Sha1Length];
        hmac.Compute(bytes, expected);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static bool IsGloballyWhite(AclConfig current, ReadOnlySpan<byte> address)
    {
        if (address.Length > 0)
        {
            foreach (var pattern in current.GlobalWhiteRemoteAddresses)
            {
                if (pattern.Matches(address))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
