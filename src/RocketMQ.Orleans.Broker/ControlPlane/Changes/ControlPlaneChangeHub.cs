using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.ControlPlane.Changes;

/// <summary>
/// The in-process fan-out of control-plane changes to this silo's caches and any other listener.
/// Handlers run synchronously on the notifying thread and must be quick (drop an entry, schedule work).
/// </summary>
public sealed partial class ControlPlaneChangeHub(ILogger<ControlPlaneChangeHub> logger)
{
    private readonly Lock _gate = new();
    private Action<ControlPlaneChange>[] _handlers = [];

    public IDisposable Subscribe(Action<ControlPlaneChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>Drops a key from <paramref name="cache"/> whenever a change of <paramref name="kind"/> names it.</summary>
    internal IDisposable InvalidateOnChange<TValue>(ControlPlaneChangeKind kind, Caches.ReadThroughCache<TValue> cache)
        where TValue : class =>
        Subscribe(change =>
        {
            if (change.Kind == kind)
            {
                cache.Invalidate(change.Key);
            }
        });

    public void Publish(ControlPlaneChange change)
    {
        LogChange(logger, change.Kind, change.Key);
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                handler(change);
            }
            catch (Exception exception)
            {
                LogHandlerFailed(logger, exception, change.Kind, change.Key);
            }
        }
    }

    private void Unsubscribe(Action<ControlPlaneChange> handler)
    {
        lock (_gate)
        {
            _handlers = Array.FindAll(_handlers, h => h != handler);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Control-plane change: {Kind} {Key}")]
    private static partial void LogChange(ILogger logger, ControlPlaneChangeKind kind, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A control-plane change handler failed for {Kind} {Key}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, ControlPlaneChangeKind kind, string key);

    private sealed class Subscription(ControlPlaneChangeHub hub, Action<ControlPlaneChange> handler) : IDisposable
    {
        public void Dispose() => hub.Unsubscribe(handler);
    }
}
