using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using RocketMQ.Orleans.Broker.Diagnostics;

namespace RocketMQ.Orleans.Console.Metrics;

/// <summary>
/// Exports the "RocketMQ.Orleans" meter and the .NET runtime's metrics in Prometheus' text format on /metrics of the
/// console's port. The libraries only record with System.Diagnostics.Metrics; OpenTelemetry lives here, in the host.
/// </summary>
public static class RocketMQMetricsHostingExtensions
{
    /// <summary>The scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Adds an OpenTelemetry meter provider with the RocketMQ and runtime meters and the Prometheus exporter.</summary>
    public static IServiceCollection AddRocketMQMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("rocketmq-orleans"))
            .WithMetrics(metrics => metrics
                .AddMeter(BrokerMetrics.MeterName)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>Serves the scrape endpoint at <see cref="MetricsPath"/>.</summary>
    public static IEndpointRouteBuilder MapRocketMQMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
