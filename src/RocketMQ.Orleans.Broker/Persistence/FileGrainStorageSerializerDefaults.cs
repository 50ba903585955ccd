using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace RocketMQ.Orleans.Broker.Persistence;

/// <summary>
/// Chooses the serializer of a <see cref="FileGrainStorage"/> left without one: a serializer registered under the
/// provider's name if there is one (as Orleans does), otherwise System.Text.Json rather than the silo-wide default
/// (Newtonsoft with type names), so the files stay readable and renaming a .NET type never strands stored state.
/// </summary>
internal sealed class FileGrainStorageSerializerDefaults(IServiceProvider services) : IPostConfigureOptions<FileGrainStorageOptions>
{
    public void PostConfigure(string? name, FileGrainStorageOptions options)
    {
        if (options.GrainStorageSerializer is not null)
        {
            return;
        }

        options.GrainStorageSerializer = (name is null ? null : services.GetKeyedService<IGrainStorageSerializer>(name))
            ?? ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services);
    }
}
