namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// Long polling shared by POP_MESSAGE and NOTIFICATION (Apache PopLongPollingService): a request that found nothing
/// waits for an arrival until its poll time ends, holding a place within the broker's and the group's polling limits.
/// </summary>
public sealed partial class PopService
{
    /// <summary>
    /// Counts a pop or notification as held for long polling unless the broker holds
    /// <see cref="BrokerOptions.MaxPopPollingSize"/> already or the group and topic more than
    /// <see cref="BrokerOptions.PopPollingSize"/> (Apache PopLongPollingService.polling).
    /// </summary>
    private bool TryHold(string group, string topic)
    {
        if (Interlocked.Increment(ref _held) > _runtime.Options.MaxPopPollingSize)
        {
            Interlocked.Decrement(ref _held);
            return false;
        }

        var key = (group, topic);
        if (_polling.AddOrUpdate(key, 1, static (_, count) => count + 1) - 1 > _runtime.Options.PopPollingSize)
        {
            ReleaseHold(key);
            return false;
        }

        return true;
    }

    // The table is keyed by names the client chose: an entry goes once nothing of its group and topic is held (removed
    // only while still 0, so a hold that came in meanwhile keeps it).
    private void ReleaseHold((string Group, string Topic) key)
    {
        if (_polling.AddOrUpdate(key, 0, static (_, count) => count - 1) <= 0)
            _polling.TryRemove(KeyValuePair.Create(key, 0));
        Interlocked.Decrement(ref _held);
    }

    /// <summary>Pops of the group and topic now held for long polling (Apache POLLING_INFO).</summary>
    public int PollingCount(string group, string topic) => _polling.TryGetValue((group, topic), out var count) ? Math.Max(0, count) : 0;

    /// <summary>One request's long poll: its deadline, and its place within the polling limits once it holds one.</summary>
    private sealed class LongPoll(PopService service, string group, string topic, TimeSpan pollTime) : IDisposable
    {
        private readonly long _deadline = service.Now + (long)pollTime.TotalMilliseconds;
        private bool _holding;

        public bool Expired => _deadline - service.Now <= 0;

        /// <summary>Takes a place within the limits (once; later calls keep it); false when they are full.</summary>
        public bool TryHold() => _holding || (_holding = service.TryHold(group, topic));

        /// <summary>Until <paramref name="arrived"/> completes or the poll time ends; the caller then looks once more.</summary>
        public async Task WaitAsync(Task arrived, CancellationToken cancellationToken)
        {
            try
            {
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(0, _deadline - service.Now)), service._runtime.TimeProvider, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // One last look: a message may have become readable just as the wait ended.
            }
        }

        public void Dispose()
        {
            if (_holding)
            {
                service.ReleaseHold((group, topic));
            }
        }
    }
}
