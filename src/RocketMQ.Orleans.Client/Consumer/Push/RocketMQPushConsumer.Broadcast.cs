using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Consumer.Push;

public sealed partial class RocketMQPushConsumer
{
    private LocalFileOffsetStore? _localOffsets;

    private bool IsBroadcasting => _options.MessageModel == MessageModel.Broadcasting;

    /// <summary>Where this broadcasting consumer keeps its offsets; null for a clustering consumer.</summary>
    public string? LocalOffsetFile => _localOffsets?.FilePath;

    private void OpenLocalOffsets() =>
        _localOffsets = new LocalFileOffsetStore(_options.LocalOffsetStoreDirectory, _core.ClientId, _options.ConsumerGroup);

    private void PersistLocalOffsets()
    {
        try
        {
            _localOffsets!.Persist(_offsets.Snapshot());
        }
        catch (IOException exception)
        {
            ClientLog.OffsetCommitFailed(_core.Logger, exception, _options.ConsumerGroup);
        }
        catch (UnauthorizedAccessException exception)
        {
            ClientLog.OffsetCommitFailed(_core.Logger, exception, _options.ConsumerGroup);
        }
    }
}
