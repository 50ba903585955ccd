using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RocketMQ.Orleans.Console.Metrics;

namespace RocketMQ.Orleans.Console.Hosting;

/// <summary>
/// The seam to the metrics (Metrics/, OpenTelemetry with a Prometheus endpoint): /metrics is served on the console's
/// port, so the console's web app registers the meter provider and maps the scrape endpoint. The meters are
/// process-wide, so a provider in the console's container sees what the silo's broker records.
/// </summary>
internal static class ConsoleMetrics
{
    public static void AddServices(IServiceCollection services) => services.AddRocketMQMetrics();

    public static void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapRocketMQMetrics();
}
