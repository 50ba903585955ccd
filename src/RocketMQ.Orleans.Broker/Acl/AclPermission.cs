using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>Apache's ACL permission bits and rules (<c>org.apache.rocketmq.acl.common.Permission</c>).</summary>
public static class AclPermission
{
    public const byte Deny = 1;
    public const byte Any = 1 << 1;
    public const byte Pub = 1 << 2;
    public const byte Sub = 1 << 3;

    /// <summary>"PUB", "SUB", "PUB|SUB", "SUB|PUB", "DENY"; anything else (or nothing) is DENY, as Apache parses it.</summary>
    public static byte Parse(string? text) => text?.Trim() switch
    {
        "PUB" => Pub,
        "SUB" => Sub,
        "PUB|SUB" or "SUB|PUB" => Pub | Sub,
        _ => Deny,
    };

    /// <summary>Whether <paramref name="owned"/> grants <paramref name="needed"/>; DENY beats everything.</summary>
    public static bool Grants(byte owned, byte needed)
    {
        if ((owned & Deny) != 0)
        {
            return false;
        }

        if ((needed & Any) != 0)
        {
            return (owned & (Pub | Sub)) != 0;
        }

        return (needed & owned) != 0;
    }

    /// <summary>The request codes only an admin account may send (Apache's <c>Permission.ADMIN_CODE</c>).</summary>
    public static bool NeedsAdmin(int requestCode) => requestCode is
        RequestCode.UpdateAndCreateTopic or
        RequestCode.UpdateBrokerConfig or
        RequestCode.DeleteTopicInBroker or
        RequestCode.UpdateAndCreateSubscriptionGroup or
        RequestCode.DeleteSubscriptionGroup or
        // Not Apache's: a replica fetch reads the whole commit log, so only a replica (with admin credentials) may.
        Replication.ReplicationRequestCodes.ReplicaFetch or
        Replication.ReplicationRequestCodes.ReplicaMetadata;
}
