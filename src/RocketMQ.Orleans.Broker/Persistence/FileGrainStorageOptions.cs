using Orleans.Runtime;
using Orleans.Storage;

namespace RocketMQ.Orleans.Broker.Persistence;

/// <summary>Options of <see cref="FileGrainStorage"/>, named after the storage provider.</summary>
public sealed class FileGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The directory holding one sub-directory per grain type; created at silo start.</summary>
    public string RootDirectory { get; set; } = Path.Combine("data", "grains");

    /// <summary>
    /// Turns grain state into bytes; must produce JSON (both Orleans JSON serializers do), because the state is
    /// embedded in the file's JSON envelope. Defaults to a serializer registered under the provider's name, else
    /// Orleans' System.Text.Json grain storage serializer.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>The silo lifecycle stage at which the directory is created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}
