using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using RocketMQ.Orleans.Console.Backend;

namespace RocketMQ.Orleans.Console.Api;

/// <summary>Transactions page (GET /api/transactions) and delayed-messages page (GET /api/delays).</summary>
internal static class SystemTopicApi
{
    public static void MapSystemTopicApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/transactions", (SystemTopicView view, CancellationToken cancellationToken) => view.TransactionsAsync(cancellationToken));
        api.MapGet("/delays", (SystemTopicView view, CancellationToken cancellationToken) => view.DelaysAsync(cancellationToken));
    }
}
