using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.Retention;

/// <summary>
/// Watches how full the data disk is; above <see cref="MessageStoreOptions.DiskMaxUsedSpaceRatio"/> puts are
/// refused (Apache's "disk full" check) until space is freed. The probe is injectable for tests.
/// </summary>
internal sealed class DiskUsageMonitor
{
    private readonly string path;
    private readonly int maxUsedPercent;
    private readonly Func<string, double> usedRatioProbe;
    private readonly ILogger logger;
    private volatile bool full;

    public DiskUsageMonitor(string path, int maxUsedPercent, Func<string, double>? usedRatioProbe, ILogger logger)
    {
        this.path = path;
        this.maxUsedPercent = maxUsedPercent;
        this.usedRatioProbe = usedRatioProbe ?? ProbeDrive;
        this.logger = logger;
    }

    public bool IsFull => full;

    public double LastUsedRatio { get; private set; }

    public void Refresh()
    {
        double ratio = usedRatioProbe(path);
        LastUsedRatio = ratio;
        bool nowFull = ratio * 100 > maxUsedPercent;
        if (nowFull == full) return;
        full = nowFull;
        if (nowFull) StoreLog.DiskFull(logger, ratio * 100, path, maxUsedPercent);
        else StoreLog.DiskAvailable(logger, ratio * 100, path, maxUsedPercent);
    }

    private static double ProbeDrive(string path)
    {
        var drive = new DriveInfo(Path.GetFullPath(path));
        return UsedRatio(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
    }

    /// <summary>
    /// Used space over what the broker could ever use, as <c>df</c> and Apache's
    /// <c>UtilAll.getDiskPartitionSpaceUsedPercent</c> count it: blocks reserved for root are neither used nor usable.
    /// (Dividing by the partition's size would call a disk with a large reserve "full" while it is mostly empty.)
    /// </summary>
    internal static double UsedRatio(long totalBytes, long freeBytes, long availableBytes)
    {
        long used = totalBytes - freeBytes;
        long entire = used + availableBytes;
        return entire <= 0 ? 0 : (double)used / entire;
    }
}
