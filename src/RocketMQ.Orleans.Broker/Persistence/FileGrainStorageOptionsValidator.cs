using Orleans;
using Orleans.Runtime;

namespace RocketMQ.Orleans.Broker.Persistence;

/// <summary>Fails silo start on an unusable <see cref="FileGrainStorageOptions"/>.</summary>
internal sealed class FileGrainStorageOptionsValidator(FileGrainStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            throw new OrleansConfigurationException(
                $"{nameof(FileGrainStorage)} '{name}': {nameof(FileGrainStorageOptions.RootDirectory)} must be set.");
        }

        if (options.InitStage < ServiceLifecycleStage.RuntimeGrainServices)
        {
            throw new OrleansConfigurationException(
                $"{nameof(FileGrainStorage)} '{name}': {nameof(FileGrainStorageOptions.InitStage)} must not precede RuntimeGrainServices.");
        }
    }
}
