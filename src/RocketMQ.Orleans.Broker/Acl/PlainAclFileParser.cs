using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>
/// Reads Apache's plain_acl.yml: <c>globalWhiteRemoteAddresses</c> (list) and <c>accounts</c> (list of accessKey,
/// secretKey, whiteRemoteAddress, admin, defaultTopicPerm, defaultGroupPerm, topicPerms, groupPerms), with Apache's
/// rules (<c>PlainPermissionManager.buildPlainAccessResource</c>): keys longer than 6 characters, an access key
/// listed twice keeps its first account, a missing default permission is DENY. Other keys (dataVersion) are ignored.
/// </summary>
public static class PlainAclFileParser
{
    private const int MinimumKeyLength = 6;

    public static AclConfig Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            throw new AclConfigException($"Not valid YAML: {exception.Message}", exception);
        }

        // An empty file is an empty configuration, as in Apache ("No data in file").
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return AclConfig.Empty;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new AclConfigException("The ACL file must be a YAML mapping (globalWhiteRemoteAddresses, accounts).");
        }

        var globals = Strings(root, "globalWhiteRemoteAddresses").Select(RemoteAddressPattern.Parse).ToList();
        var accounts = new List<AclAccount>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Child(root, "accounts") is { } accountsNode)
        {
            if (accountsNode is not YamlSequenceNode list)
            {
                throw new AclConfigException("'accounts' must be a list.");
            }

            foreach (var node in list)
            {
                var account = ParseAccount(node as YamlMappingNode ?? throw new AclConfigException("Each entry of 'accounts' must be a mapping."));
                if (seen.Add(account.AccessKey))
                {
                    accounts.Add(account);
                }
            }
        }

        return new AclConfig(globals, accounts);
    }

    private static AclAccount ParseAccount(YamlMappingNode node)
    {
        var accessKey = Scalar(node, "accessKey");
        var secretKey = Scalar(node, "secretKey");
        if (accessKey is null || secretKey is null || accessKey.Length <= MinimumKeyLength || secretKey.Length <= MinimumKeyLength)
        {
            // Apache's message, without echoing the secret into logs.
            throw new AclConfigException($"The accessKey={accessKey ?? "null"} and secretKey={(secretKey is null ? "null" : "***")} cannot be null and length should longer than 6");
        }

        var topicPerms = new Dictionary<string, byte>(StringComparer.Ordinal);
        var groupPerms = new Dictionary<string, byte>(StringComparer.Ordinal);
        foreach (var entry in Strings(node, "topicPerms"))
        {
            var (resource, perm) = ResourcePerm(entry, "topic");
            if (resource.StartsWith(AclResourceCheck.RetryGroupTopicPrefix, StringComparison.Ordinal))
            {
                // Apache keys groups by their retry topic: "%RETRY%g=SUB" among topics is group g.
                groupPerms[resource[AclResourceCheck.RetryGroupTopicPrefix.Length..]] = perm;
            }
            else
            {
                topicPerms[resource] = perm;
            }
        }

        foreach (var entry in Strings(node, "groupPerms"))
        {
            var (group, perm) = ResourcePerm(entry, "group");
            groupPerms[group] = perm;
        }

        return new AclAccount(
            accessKey,
            secretKey,
            admin: string.Equals(Scalar(node, "admin"), "true", StringComparison.OrdinalIgnoreCase),
            defaultTopicPerm: AclPermission.Parse(Scalar(node, "defaultTopicPerm")),
            defaultGroupPerm: AclPermission.Parse(Scalar(node, "defaultGroupPerm")),
            topicPerms,
            groupPerms,
            RemoteAddressPattern.Parse(Scalar(node, "whiteRemoteAddress")));
    }

    private static (string Resource, byte Perm) ResourcePerm(string entry, string kind)
    {
        var items = entry.Split('=', StringSplitOptions.RemoveEmptyEntries);
        if (items.Length != 2)
        {
            throw new AclConfigException($"Parse resource permission failed for {kind}:{entry}");
        }

        return (items[0].Trim(), AclPermission.Parse(items[1]));
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => Child(node, key) switch
    {
        null => null,
        YamlScalarNode { Value: var value } => string.IsNullOrEmpty(value) || value == "~" ? null : value,
        _ => throw new AclConfigException($"'{key}' must be a single value."),
    };

    private static IEnumerable<string> Strings(YamlMappingNode node, string key) => Child(node, key) switch
    {
        null => [],
        YamlScalarNode { Value: null or "" or "~" } => [],
        YamlSequenceNode list => list.Select(item => item is YamlScalarNode { Value: { } value }
            ? value
            : throw new AclConfigException($"Each entry of '{key}' must be a single value.")).ToList(),
        _ => throw new AclConfigException($"'{key}' must be a list."),
    };
}
