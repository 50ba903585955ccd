namespace RocketMQ.Orleans.Protocol.Acl;

/// <summary>The ext fields of RocketMQ ACL 1.0 (Apache <c>SessionCredentials</c>) that carry a request's credentials.</summary>
public static class AclFields
{
    public const string AccessKey = "AccessKey";

    public const string Signature = "Signature";

    public const string SecurityToken = "SecurityToken";

    /// <summary>
    /// Left out of the signed content by Apache's broker (<c>PlainAccessValidator.parse</c> skips
    /// <c>MixAll.UNIQUE_MSG_QUERY_FLAG</c>); our client leaves it out too so query-by-unique-key verifies.
    /// </summary>
    public const string UniqueKeyQuery = "_UNIQUE_KEY_QUERY";
}
