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
        this.usedRatioProbe = usedRatioProbe ?? DiskSpace.UsedRatio;
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
}
