using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using RocketMQ.Orleans.Console.Backend;

namespace RocketMQ.Orleans.Console.Api;

/// <summary>Cluster page: GET /api/cluster.</summary>
internal static class ClusterApi
{
    public static void MapClusterApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/cluster", (ClusterView view, CancellationToken cancellationToken) => view.GetAsync(cancellationToken));
}
