using RocketMQ.Orleans.Broker.Pop;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    private readonly Lock _popLock = new();
    private PopService? _pop;

    /// <summary>
    /// This broker's POP consumption, shared by the remoting POP processors and the gRPC endpoint so a message popped
    /// over one is acked over the other. Created (journal opened, revive loop started) on first use.
    /// </summary>
    public PopService Pop
    {
        get
        {
            if (Volatile.Read(ref _pop) is { } pop)
            {
                return pop;
            }

            lock (_popLock)
            {
                ObjectDisposedException.ThrowIf(_disposed != 0, this);
                if (_pop is null)
                {
                    var created = new PopService(this, PopOptions);
                    created.Start();
                    Volatile.Write(ref _pop, created);
                }

                return _pop;
            }
        }
    }

    /// <summary>Settings <see cref="Pop"/> is created with; set before its first use.</summary>
    public PopOptions PopOptions { get; set; } = new();

    /// <summary>
    /// After a restart with messages in flight, the POP service starts with the broker, so their invisible time
    /// running out revives them even before anyone pops again.
    /// </summary>
    private void StartPopIfJournaled()
    {
        if (File.Exists(PopService.JournalPathOf(this, PopOptions)))
        {
            _ = Pop;
        }
    }

    private async ValueTask DisposePopAsync()
    {
        PopService? pop;
        lock (_popLock)
        {
            pop = _pop;
            _pop = null;
        }

        if (pop is not null)
        {
            await pop.DisposeAsync().ConfigureAwait(false);
        }
    }
}
