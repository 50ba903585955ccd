using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// Makes written file data durable. On Linux it uses fdatasync: the commit-log files are preallocated and
/// the metadata file has a fixed size, so no inode change needs journaling and the call costs a fraction
/// of an fsync. Elsewhere it falls back to <see cref="FileStream.Flush(bool)"/>.
/// </summary>
internal static partial class FileSync
{
    public static void FlushData(FileStream file)
    {
        if (!OperatingSystem.IsLinux())
        {
            file.Flush(flushToDisk: true);
            return;
        }
        SafeFileHandle handle = file.SafeFileHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (fdatasync((int)handle.DangerousGetHandle()) != 0)
                throw new IOException($"fdatasync failed with errno {Marshal.GetLastPInvokeError()} on {file.Name}");
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fdatasync(int fd);
}
