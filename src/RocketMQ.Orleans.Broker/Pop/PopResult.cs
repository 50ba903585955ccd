using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>What a pop found; owns the pooled buffers its messages point into until disposed.</summary>
public sealed class PopResult : IDisposable
{
    private readonly List<IDisposable> _reads = [];
    private readonly List<PoppedMessage> _messages = [];

    public IReadOnlyList<PoppedMessage> Messages => _messages;

    /// <summary>Nothing found and no room to hold the pop for long polling (Apache POLLING_FULL): answered at once.</summary>
    public bool PollingFull { get; internal set; }

    /// <summary>Keeps a read (a <see cref="GetMessageResult"/> or a single <see cref="StoredMessageBuffer"/>) until disposed.</summary>
    internal void Keep(IDisposable read) => _reads.Add(read);

    internal void Add(PoppedMessage message) => _messages.Add(message);

    public void Dispose()
    {
        foreach (var read in _reads)
        {
            read.Dispose();
        }

        _reads.Clear();
        _messages.Clear();
    }
}
