using System.Collections.Frozen;
using RocketMQ.Orleans.Protocol.Acl;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>
/// One account of plain_acl.yml. Group permissions are kept by group name (Apache keys them by retry topic
/// <c>%RETRY%group</c>, which is the same thing), so a check never builds a retry-topic string.
/// </summary>
public sealed class AclAccount
{
    private readonly FrozenDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> _groupLookup;

    public AclAccount(
        string accessKey,
        string secretKey,
        bool admin,
        byte defaultTopicPerm,
        byte defaultGroupPerm,
        IReadOnlyDictionary<string, byte> topicPerms,
        IReadOnlyDictionary<string, byte> groupPerms,
        RemoteAddressPattern whiteRemoteAddress)
    {
        AccessKey = accessKey;
        SecretKey = secretKey;
        Admin = admin;
        DefaultTopicPerm = defaultTopicPerm;
        DefaultGroupPerm = defaultGroupPerm;
        TopicPerms = topicPerms.ToFrozenDictionary(StringComparer.Ordinal);
        GroupPerms = groupPerms.ToFrozenDictionary(StringComparer.Ordinal);
        _groupLookup = GroupPerms.GetAlternateLookup<ReadOnlySpan<char>>();
        WhiteRemoteAddress = whiteRemoteAddress;
        Hmac = new AclHmac(secretKey);
    }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public bool Admin { get; }

    public byte DefaultTopicPerm { get; }

    public byte DefaultGroupPerm { get; }

    public FrozenDictionary<string, byte> TopicPerms { get; }

    public FrozenDictionary<string, byte> GroupPerms { get; }

    /// <summary>A peer from here is let in without a signature check (Apache's per-account whiteRemoteAddress).</summary>
    public RemoteAddressPattern WhiteRemoteAddress { get; }

    /// <summary>Keyed by <see cref="SecretKey"/>, for signature checks.</summary>
    public AclHmac Hmac { get; }

    /// <summary>Apache: an admin account with no topic or group permissions may do everything.</summary>
    internal bool HasNoResourcePerms => TopicPerms.Count == 0 && GroupPerms.Count == 0;

    /// <summary>The permission of a topic, and whether it was listed (else the default).</summary>
    internal byte TopicPerm(string topic, out bool listed)
    {
        listed = TopicPerms.TryGetValue(topic, out var perm);
        return listed ? perm : DefaultTopicPerm;
    }

    internal byte GroupPerm(ReadOnlySpan<char> group, out bool listed)
    {
        listed = _groupLookup.TryGetValue(group, out var perm);
        return listed ? perm : DefaultGroupPerm;
    }
}
