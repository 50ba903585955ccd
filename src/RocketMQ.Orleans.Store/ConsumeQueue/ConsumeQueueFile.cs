namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>
/// One consume-queue file, mapped on demand. The mapping (a <see cref="MappedFileRegion"/>) is dropped when the
/// store-wide <see cref="MappedRegionCache"/> needs room and made again on the next access, so the number of live
/// mappings stays bounded however many queues exist. Every access, the writer's included, holds a lease on the
/// mapping it uses: an eviction never unmaps pages under a reader or the writer.
/// </summary>
internal sealed unsafe class ConsumeQueueFile
{
    private readonly MappedRegionCache _cache;
    private readonly Lock _mapLock = new();
    private MappedFileRegion? _region;
    private bool _retired;
    private int _referenced;

    public ConsumeQueueFile(string path, long length, MappedRegionCache cache)
    {
        Path = path;
        Length = length;
        _cache = cache;
    }

    public string Path { get; }

    public long Length { get; }

    public bool IsRetired => Volatile.Read(ref _retired);

    /// <summary>Tracked by the cache (guarded by the cache's lock).</summary>
    internal bool InCache { get; set; }

    /// <summary>
    /// Takes a lease on the file's mapping, mapping it first when needed; false when the file was retired.
    /// Release it with <see cref="MappedFileRegion.Release"/> on <paramref name="lease"/>.
    /// </summary>
    public bool TryAcquire(out byte* pointer, out MappedFileRegion lease)
    {
        while (true)
        {
            var region = Volatile.Read(ref _region) ?? Map();
            if (region is null)
            {
                pointer = null;
                lease = null!;
                return false;
            }

            if (region.TryAcquire(out pointer))
            {
                if (Volatile.Read(ref _referenced) == 0)
                {
                    Volatile.Write(ref _referenced, 1);
                }

                lease = region;
                return true;
            }

            // Evicted between the read and the lease: forget that mapping and map again.
            Interlocked.CompareExchange(ref _region, null, region);
        }
    }

    /// <summary>Makes the file's written pages durable: msync of the mapping, or fsync of the file once it was unmapped.</summary>
    public void Flush()
    {
        var region = Volatile.Read(ref _region);
        if (region is not null && region.Flush())
        {
            return;
        }

        // Unmapped meanwhile: pages written through the old mapping are still the file's dirty pages.
        if (!IsRetired && File.Exists(Path))
        {
            using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(handle);
        }
    }

    /// <summary>The cache's CLOCK hand passes: true (and cleared) when the file was used since the last pass.</summary>
    internal bool ClearReferenced() => Interlocked.Exchange(ref _referenced, 0) != 0;

    /// <summary>Drops the mapping (the cache needs room); the next access maps the file again.</summary>
    internal void Unmap()
    {
        MappedFileRegion? region;
        lock (_mapLock)
        {
            region = _region;
            _region = null;
        }

        region?.Retire(deleteFile: false);
    }

    /// <summary>The file leaves its queue: unmapped (after the last lease) and optionally deleted.</summary>
    public void Retire(bool deleteFile)
    {
        MappedFileRegion? region;
        lock (_mapLock)
        {
            _retired = true;
            region = _region;
            _region = null;
        }

        _cache.Removed(this);
        region?.Retire(deleteFile: false);
        if (deleteFile)
        {
            // Unlinking a mapped file is fine on Unix; outstanding leases keep their pages.
            File.Delete(Path);
        }
    }

    private MappedFileRegion? Map()
    {
        MappedFileRegion region;
        lock (_mapLock)
        {
            if (_retired)
            {
                return null;
            }

            if (_region is { } existing)
            {
                return existing;
            }

            region = MappedFileRegion.Open(Path, Length);
            _referenced = 1;
            Volatile.Write(ref _region, region);
        }

        // Outside the file's lock: the cache takes other files' locks when it evicts.
        _cache.Added(this);
        return region;
    }
}
