using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using RocketMQ.Orleans.Console.Backend;

namespace RocketMQ.Orleans.Console.Api;

/// <summary>Consumer groups page: list with lag, detail (members, per-queue offsets and lag, consume TPS), reset offset by time.</summary>
internal static class GroupApi
{
    public static void MapGroupApi(this IEndpointRouteBuilder api)
    {
        var groups = api.MapGroup("/groups");
        groups.MapGet("/", (GroupView view, CancellationToken cancellationToken) => view.ListAsync(cancellationToken));
        groups.MapGet("/{group}", (string group, GroupView view, CancellationToken cancellationToken) => view.GetAsync(group, cancellationToken));
        groups.MapPost("/{group}/reset-offset", (string group, ResetOffsetRequest request, GroupView view, CancellationToken cancellationToken) =>
            view.ResetAsync(group, request, cancellationToken));
    }
}
