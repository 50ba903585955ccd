namespace RocketMQ.Orleans.Store.Hosting;

/// <summary>
/// Hands out the store opened by the host. The store opens asynchronously (recovery may replay the log),
/// so consumers resolve it after the host has started rather than at construction.
/// </summary>
public interface IMessageStoreAccessor
{
    /// <summary>The open store; throws if the host has not started it yet.</summary>
    MessageStore Store { get; }
}
