using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Grpc.Hosting;

/// <summary>Adds the RocketMQ 5 gRPC endpoint (apache.rocketmq.v2.MessagingService) to a silo running the broker.</summary>
public static class GrpcSiloBuilderExtensions
{
    /// <summary>Adds the endpoint configured from <paramref name="configuration"/>'s "RocketMQ:Grpc" section. Call after AddRocketMQBroker.</summary>
    public static ISiloBuilder AddRocketMQGrpc(this ISiloBuilder builder, IConfiguration configuration, Action<GrpcOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<GrpcOptions>().Bind(configuration.GetSection(GrpcOptions.SectionName));
        return builder.AddRocketMQGrpc(configure);
    }

    /// <summary>Adds the endpoint configured in code only (off unless <see cref="GrpcOptions.Enabled"/> is set).</summary>
    public static ISiloBuilder AddRocketMQGrpc(this ISiloBuilder builder, Action<GrpcOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<GrpcOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrpcOptions>, GrpcOptionsValidator>());
        if (services.Any(descriptor => descriptor.ServiceType == typeof(GrpcEndpointHost)))
        {
            return builder;
        }

        // Registered after the broker's hosted service: started once the broker runs, stopped before it.
        services.AddSingleton<GrpcEndpointHost>();
        services.AddHostedService(provider => provider.GetRequiredService<GrpcEndpointHost>());
        return builder;
    }
}
