using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Reads a message by a client-supplied commit-log offset, which may point anywhere.</summary>
public static class StoredMessageReader
{
    /// <summary>
    /// The message stored at <paramref name="commitLogOffset"/>, or null. An address inside a record can make the
    /// commit log fail its checksum instead of answering "nothing"; for a client's offset that is the same answer.
    /// </summary>
    public static async ValueTask<StoredMessageBuffer?> TryReadAsync(MessageStore store, long commitLogOffset, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReadMessageAsync(commitLogOffset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ObjectDisposedException)
        {
            return null;
        }
    }
}
