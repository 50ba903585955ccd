using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RocketMQ.Orleans.Console.Backend;

namespace RocketMQ.Orleans.Console.Api;

/// <summary>Topics page: list, detail (queues, offsets, put TPS), create/update and delete.</summary>
internal static class TopicApi
{
    public static void MapTopicApi(this IEndpointRouteBuilder api)
    {
        var topics = api.MapGroup("/topics");
        topics.MapGet("/", (TopicView view, CancellationToken cancellationToken) => view.ListAsync(cancellationToken));
        topics.MapGet("/{topic}", (string topic, TopicView view, CancellationToken cancellationToken) => view.GetAsync(topic, cancellationToken));
        topics.MapPost("/", async (TopicRequest request, TopicView view, CancellationToken cancellationToken) =>
            Results.Ok(new { brokers = await view.SaveAsync(request, cancellationToken).ConfigureAwait(false) }));
        topics.MapDelete("/{topic}", async (string topic, TopicView view, CancellationToken cancellationToken) =>
            Results.Ok(new { brokers = await view.DeleteAsync(topic, cancellationToken).ConfigureAwait(false) }));
    }
}
