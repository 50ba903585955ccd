using System.IO.MemoryMappedFiles;

namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>
/// One fixed-size file mapped into memory. The single owner (the writer) keeps a pointer for its
/// whole life; readers take a counted lease with <see cref="TryAcquire"/> so that a concurrent
/// <see cref="Retire"/> (retention, truncation) defers the unmap until the last reader is done
/// instead of pulling the pages out from under it.
/// </summary>
/// <remarks>Shared by the consume queue (through <see cref="ConsumeQueueFile"/>, which maps on demand) and the index.</remarks>
internal sealed unsafe class MappedFileRegion
{
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _ownerPointer;
    private int _retired;

    private MappedFileRegion(string path, long length, MemoryMappedViewAccessor view, byte* ownerPointer)
    {
        Path = path;
        Length = length;
        _view = view;
        _ownerPointer = ownerPointer;
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>Base address for the owner; valid until <see cref="Retire"/>. Readers must use <see cref="TryAcquire"/>.</summary>
    public byte* OwnerPointer => _ownerPointer;

    public bool IsRetired => Volatile.Read(ref _retired) != 0;

    /// <summary>
    /// Maps <paramref name="path"/>, creating it (sparse) when missing or empty. A file of another
    /// non-zero length is refused: silently resizing would shift every entry.
    /// </summary>
    public static MappedFileRegion Open(string path, long length)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length != 0 && info.Length != length)
        {
            throw new InvalidDataException($"File '{path}' has {info.Length} bytes, expected {length}.");
        }

        // The mapping object only needs to live until the view exists; closing it right away keeps
        // one file descriptor per file from accumulating across thousands of queues.
        using var file = MemoryMappedFile.CreateFromFile(path, FileMode.OpenOrCreate, null, length, MemoryMappedFileAccess.ReadWrite);
        var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        return new MappedFileRegion(path, length, view, pointer + view.PointerOffset);
    }

    /// <summary>Takes a reader lease; false when the region was retired meanwhile.</summary>
    public bool TryAcquire(out byte* pointer)
    {
        pointer = null;
        if (IsRetired)
        {
            return false;
        }

        try
        {
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        }
        catch (ObjectDisposedException)
        {
            pointer = null;
            return false;
        }

        pointer += _view.PointerOffset;
        return true;
    }

    public void Release() => _view.SafeMemoryMappedViewHandle.ReleasePointer();

    /// <summary>msync of the whole view (the kernel writes only dirty pages); false when the region was retired.</summary>
    public bool Flush()
    {
        if (!TryAcquire(out _))
        {
            return false;
        }

        try
        {
            _view.Flush();
            return true;
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Drops the owner's pointer; the unmap happens when the last reader lease is released.</summary>
    public void Retire(bool deleteFile)
    {
        if (Interlocked.Exchange(ref _retired, 1) != 0)
        {
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        if (deleteFile)
        {
            // Unlinking a mapped file is fine on Unix; outstanding leases keep their pages.
            File.Delete(Path);
        }
    }
}
