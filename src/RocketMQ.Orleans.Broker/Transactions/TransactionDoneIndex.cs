namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// Which transactions have ended, by origin (the half-queue offset of a transaction's first half message; checked
/// copies carry it in TRAN_PREPARED_QUEUE_OFFSET). One bit per half-queue offset in 8 KiB chunks, so millions of
/// transactions cost about a megabyte; rebuilt from the op queue on start. A claim makes concurrent ends of one
/// transaction (a late commit racing a check answer) store the real message once.
/// </summary>
internal sealed class TransactionDoneIndex
{
    private const int ChunkShift = 16;
    private const int WordsPerChunk = (1 << ChunkShift) / 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, ulong[]> _chunks = [];
    private readonly HashSet<long> _claimed = [];

    public bool IsDone(long origin)
    {
        lock (_gate)
        {
            return IsSet(origin);
        }
    }

    /// <summary>True when the caller may end <paramref name="origin"/>: not ended yet and nobody else ending it now.</summary>
    public bool TryClaim(long origin)
    {
        lock (_gate)
        {
            return !IsSet(origin) && _claimed.Add(origin);
        }
    }

    /// <summary>Releases a claim; <paramref name="done"/> marks the transaction ended for good.</summary>
    public void Release(long origin, bool done)
    {
        lock (_gate)
        {
            _claimed.Remove(origin);
            if (done)
            {
                Set(origin);
            }
        }
    }

    public void MarkDone(long origin)
    {
        lock (_gate)
        {
            Set(origin);
        }
    }

    private bool IsSet(long origin) =>
        origin >= 0 && _chunks.TryGetValue(origin >> ChunkShift, out var words) && (words[Word(origin)] & Bit(origin)) != 0;

    private void Set(long origin)
    {
        if (origin < 0)
        {
            return;
        }

        if (!_chunks.TryGetValue(origin >> ChunkShift, out var words))
        {
            words = new ulong[WordsPerChunk];
            _chunks[origin >> ChunkShift] = words;
        }

        words[Word(origin)] |= Bit(origin);
    }

    private static int Word(long origin) => (int)((origin & ((1 << ChunkShift) - 1)) >> 6);

    private static ulong Bit(long origin) => 1UL << (int)(origin & 63);
}
