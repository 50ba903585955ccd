namespace RocketMQ.Orleans.Store.Retention;

/// <summary>
/// How full a disk is, counted as <c>df</c> and Apache's <c>UtilAll.getDiskPartitionSpaceUsedPercent</c> count it:
/// used space over used plus usable space. Blocks reserved for root are neither used nor usable; dividing by the
/// partition's size instead would call a disk with a large reserve "full" while it is mostly empty.
/// </summary>
public static class DiskSpace
{
    /// <summary>The used fraction (0..1) of the disk holding <paramref name="path"/>.</summary>
    public static double UsedRatio(string path)
    {
        var drive = new DriveInfo(Path.GetFullPath(path));
        return UsedRatio(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
    }

    public static double UsedRatio(long totalBytes, long freeBytes, long availableBytes)
    {
        long used = totalBytes - freeBytes;
        long entire = used + availableBytes;
        return entire <= 0 ? 0 : (double)used / entire;
    }
}
