using System.Collections.Frozen;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>One loaded plain_acl.yml: immutable, swapped whole on reload so a check never sees half a file.</summary>
public sealed class AclConfig(IReadOnlyList<RemoteAddressPattern> globalWhiteRemoteAddresses, IReadOnlyList<AclAccount> accounts)
{
    public static readonly AclConfig Empty = new([], []);

    /// <summary>Peers from these addresses are let in without credentials.</summary>
    public RemoteAddressPattern[] GlobalWhiteRemoteAddresses { get; } = [.. globalWhiteRemoteAddresses];

    public FrozenDictionary<string, AclAccount> Accounts { get; } = accounts.ToFrozenDictionary(a => a.AccessKey, StringComparer.Ordinal);

    /// <summary>The account of <paramref name="accessKey"/> if its secret key matches and it is an admin (console login).</summary>
    public AclAccount? FindAdmin(string accessKey, string secretKey) =>
        Accounts.TryGetValue(accessKey, out var account) && account.Admin &&
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(account.SecretKey), System.Text.Encoding.UTF8.GetBytes(secretKey))
            ? account
            : null;
}
