using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RocketMQ.Orleans.Console.Backend;

namespace RocketMQ.Orleans.Console.Api;

/// <summary>Message page: lookups by id, key and time range, and resend to a group.</summary>
internal static class MessageApi
{
    public static void MapMessageApi(this IEndpointRouteBuilder api)
    {
        var messages = api.MapGroup("/messages");
        messages.MapGet("/by-id", (string id, string? topic, MessageView view, CancellationToken cancellationToken) =>
            view.ByIdAsync(id, topic, cancellationToken));
        messages.MapGet("/by-key", (string topic, string key, MessageView view, CancellationToken cancellationToken) =>
            view.ByKeyAsync(topic, key, cancellationToken));
        messages.MapGet("/by-time", (string topic, long begin, long end, MessageView view, CancellationToken cancellationToken) =>
            view.ByTimeAsync(topic, begin, end, cancellationToken));
        messages.MapPost("/resend", async (ResendRequest request, MessageView view, CancellationToken cancellationToken) =>
            Results.Ok(new { topic = await view.ResendAsync(request, cancellationToken).ConfigureAwait(false) }));
    }
}
