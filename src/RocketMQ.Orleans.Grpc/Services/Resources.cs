using Apache.Rocketmq.V2;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>RocketMQ 5 namespaces (NamespaceUtil): a resource of namespace "ns" named "t" is stored as "ns%t".</summary>
internal static class Resources
{
    private const char Separator = '%';

    public static string Wrap(Resource? resource)
    {
        if (resource is null)
        {
            return string.Empty;
        }

        return resource.ResourceNamespace is { Length: > 0 } ns ? ns + Separator + resource.Name : resource.Name;
    }

    public static Resource Unwrap(string stored, string resourceNamespace)
    {
        var prefix = resourceNamespace.Length > 0 ? resourceNamespace + Separator : null;
        var name = prefix is not null && stored.StartsWith(prefix, StringComparison.Ordinal) ? stored[prefix.Length..] : stored;
        return new Resource { Name = name, ResourceNamespace = resourceNamespace };
    }
}
