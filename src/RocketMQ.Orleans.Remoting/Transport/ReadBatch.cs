namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// Work that waits until the event loop has handled everything one socket read delivered. A client's burst of
/// requests arrives in one read and is handled one request at a time; something that the first of them would set
/// off at once (a replica's held fetch answering with the first new put) does better to go once, after the last.
/// </summary>
/// <remarks>
/// Per thread: only an event loop handling a read has a batch open. Elsewhere <see cref="TryDefer"/> declines and
/// the caller acts at once.
/// </remarks>
public static class ReadBatch
{
    [ThreadStatic]
    private static List<Action>? t_deferred;

    [ThreadStatic]
    private static bool t_open;

    /// <summary>Queues <paramref name="action"/> for the end of the current read; false when no read is being handled.</summary>
    public static bool TryDefer(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!t_open) return false;
        (t_deferred ??= new List<Action>(4)).Add(action);
        return true;
    }

    internal static void Open() => t_open = true;

    /// <summary>Closes the read's batch and runs what was deferred during it, in order.</summary>
    internal static void Close()
    {
        t_open = false;
        var deferred = t_deferred;
        if (deferred is null || deferred.Count == 0) return;
        try
        {
            // Indexed: an action that defers again finds the batch closed and runs inline, so the list does not grow.
            for (int i = 0; i < deferred.Count; i++)
                deferred[i]();
        }
        finally
        {
            deferred.Clear();
        }
    }
}
