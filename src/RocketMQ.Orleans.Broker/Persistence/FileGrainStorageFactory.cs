using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Broker.Persistence;

/// <summary>Builds a named <see cref="FileGrainStorage"/> from its named options.</summary>
public static class FileGrainStorageFactory
{
    public static FileGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<FileGrainStorage>(
            services,
            name,
            services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(name));
}
