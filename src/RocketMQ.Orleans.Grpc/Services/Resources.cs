using Apache.Rocketmq.V2;
using Grpc.Core;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>RocketMQ 5 namespaces (NamespaceUtil): a resource of namespace "ns" named "t" is stored as "ns%t".</summary>
internal static class Resources
{
    private const char Separator = '%';

    /// <summary>
    /// The namespace a client names in its <c>x-mq-namespace</c> header (the Node client leaves most resources' own empty).
    /// Read from the HTTP request: <see cref="ServerCallContext.RequestHeaders"/> copies every header into a new collection per call.
    /// </summary>
    public static string Namespace(ServerCallContext callContext) => Header(callContext, "x-mq-namespace") ?? string.Empty;

    /// <summary>One request header's value, without materializing the call's whole metadata.</summary>
    public static string? Header(ServerCallContext callContext, string name) =>
        callContext.GetHttpContext().Request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    /// <summary>The stored name: the resource's own namespace, else the request's header namespace, prefixes it.</summary>
    public static string Wrap(Resource? resource, string headerNamespace)
    {
        if (resource is null)
        {
            return string.Empty;
        }

        var ns = resource.ResourceNamespace is { Length: > 0 } own ? own : headerNamespace;
        return ns.Length > 0 ? ns + Separator + resource.Name : resource.Name;
    }

    public static Resource Unwrap(string stored, string resourceNamespace)
    {
        var prefix = resourceNamespace.Length > 0 ? resourceNamespace + Separator : null;
        var name = prefix is not null && stored.StartsWith(prefix, StringComparison.Ordinal) ? stored[prefix.Length..] : stored;
        return new Resource { Name = name, ResourceNamespace = resourceNamespace };
    }
}
