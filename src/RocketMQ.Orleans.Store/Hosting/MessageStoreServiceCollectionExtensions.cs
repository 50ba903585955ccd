using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Store.Hosting;

/// <summary>Registers the message store as a hosted service that owns its lifetime.</summary>
public static class MessageStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the message store, bound to <paramref name="configuration"/> (e.g. the "RocketMQ:Store" section),
    /// opened when the host starts and flushed and closed when it stops.
    /// </summary>
    public static IServiceCollection AddRocketMQMessageStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessageStoreOptions>().Bind(configuration);
        return services.AddRocketMQMessageStore();
    }

    /// <summary>Adds the message store with options configured in code.</summary>
    public static IServiceCollection AddRocketMQMessageStore(this IServiceCollection services, Action<MessageStoreOptions>? configure = null)
    {
        var builder = services.AddOptions<MessageStoreOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessageStoreOptions>, MessageStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MessageStoreHostedService>();
        services.TryAddSingleton<IMessageStoreAccessor>(sp => sp.GetRequiredService<MessageStoreHostedService>());
        services.AddHostedService(sp => sp.GetRequiredService<MessageStoreHostedService>());
        return services;
    }
}
