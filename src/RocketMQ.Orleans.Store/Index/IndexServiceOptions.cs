namespace RocketMQ.Orleans.Store.Index;

/// <summary>Index file geometry (fed from MessageStoreOptions.MaxHashSlotNum / MaxIndexNum).</summary>
public sealed record IndexServiceOptions
{
    /// <summary>Hash slots per file (Apache default 5,000,000).</summary>
    public int MaxHashSlotNum { get; init; } = 5_000_000;

    /// <summary>Entries per file including the unused entry 0 (Apache default 20,000,000; ~420 MB sparse file).</summary>
    public int MaxIndexNum { get; init; } = 20_000_000;

    /// <summary>Fault injection for tests; null in production.</summary>
    internal Faults.StorageFaults? Faults { get; init; }

    internal long FileSize => IndexFileLayout.FileSize(MaxHashSlotNum, MaxIndexNum);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxHashSlotNum);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIndexNum, 2);
    }
}
