using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Console.Backend;

namespace RocketMQ.Orleans.Console.Hosting;

/// <summary>Adds the web console (Kestrel on <see cref="ConsoleOptions.Port"/>, 8080 by default) to a silo host.</summary>
public static class ConsoleHostingExtensions
{
    /// <summary>Adds the console configured from <paramref name="configuration"/>'s "RocketMQ:Console" section.</summary>
    public static IServiceCollection AddRocketMQConsole(this IServiceCollection services, IConfiguration configuration, Action<ConsoleOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName));
        return services.AddRocketMQConsole(configure);
    }

    /// <summary>Adds the console configured in code only (defaults: enabled, port 8080 on every interface).</summary>
    public static IServiceCollection AddRocketMQConsole(this IServiceCollection services, Action<ConsoleOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ConsoleOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>());
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ConsoleWebHost)))
        {
            return services;
        }

        services.AddSingleton<SiloServices>();
        services.AddSingleton<ConsoleWebHost>();
        services.AddHostedService(provider => provider.GetRequiredService<ConsoleWebHost>());
        return services;
    }

    /// <summary>Adds the console to the silo, configured from <paramref name="configuration"/>'s "RocketMQ:Console" section.</summary>
    public static ISiloBuilder AddRocketMQConsole(this ISiloBuilder builder, IConfiguration configuration, Action<ConsoleOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRocketMQConsole(configuration, configure);
        return builder;
    }

    /// <summary>Adds the console to the silo, configured in code only.</summary>
    public static ISiloBuilder AddRocketMQConsole(this ISiloBuilder builder, Action<ConsoleOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRocketMQConsole(configure);
        return builder;
    }
}
