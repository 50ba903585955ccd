using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;

namespace RocketMQ.Orleans.Broker.Persistence;

/// <summary>
/// Registers <see cref="FileGrainStorage"/> the way Orleans registers its own storage providers (named options, a
/// validator, a keyed <see cref="global::Orleans.Storage.IGrainStorage"/>), except that it serializes with System.Text.Json unless
/// told otherwise (see <see cref="FileGrainStorageOptions.GrainStorageSerializer"/>).
/// </summary>
public static class FileGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a file-system grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddRocketMQFileGrainStorage(this ISiloBuilder builder, string name, Action<FileGrainStorageOptions> configureOptions) =>
        builder.AddRocketMQFileGrainStorage(name, optionsBuilder => optionsBuilder.Configure(configureOptions));

    /// <summary>Adds a file-system grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddRocketMQFileGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<FileGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.ConfigureServices(services =>
        {
            configureOptions?.Invoke(services.AddOptions<FileGrainStorageOptions>(name));
            services.AddTransient<IPostConfigureOptions<FileGrainStorageOptions>, FileGrainStorageSerializerDefaults>();
            services.AddTransient<IConfigurationValidator>(sp => new FileGrainStorageOptionsValidator(
                sp.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(name), name));
            services.AddGrainStorage(name, FileGrainStorageFactory.Create);
        });
    }
}
