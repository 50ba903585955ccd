using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Storage;
using RocketMQ.Orleans.Broker.Persistence;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Streaming.Hosting;

/// <summary>
/// Orleans keeps explicit stream subscriptions in the grain storage named "PubSubStore". These extensions keep it in
/// the broker's data directory, so explicit subscriptions survive a restart without an external store.
/// </summary>
public static class PubSubStoreSiloBuilderExtensions
{
    /// <summary>The grain storage Orleans' pub-sub reads and writes.</summary>
    public const string PubSubStoreName = ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME;

    /// <summary>
    /// Registers "PubSubStore" as a file grain storage under <paramref name="rootDirectory"/> (default: "pubsub" in the
    /// message store's data path). It serializes with Orleans' own grain-storage serializer (JSON with Orleans'
    /// converters) rather than the file storage's System.Text.Json default, which cannot read Orleans' pub-sub state
    /// back. Silos that share subscriptions (several in one cluster) need a shared directory or an external store.
    /// </summary>
    public static ISiloBuilder AddRocketMQFilePubSubStore(this ISiloBuilder builder, string? rootDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddRocketMQFileGrainStorage(PubSubStoreName, options => options.Configure<IOptions<MessageStoreOptions>, IGrainStorageSerializer>(
            (storage, store, orleansSerializer) =>
            {
                storage.RootDirectory = rootDirectory ?? Path.Combine(store.Value.DataPath, "pubsub");
                storage.GrainStorageSerializer = orleansSerializer;
            }));
    }

    /// <summary>True when a "PubSubStore" grain storage is registered already.</summary>
    internal static bool HasPubSubStore(this ISiloBuilder builder) =>
        builder.Services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, PubSubStoreName) && d.ServiceType == typeof(IGrainStorage));
}
