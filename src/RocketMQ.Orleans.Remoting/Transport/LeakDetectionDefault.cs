using DotNetty.Common;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// DotNetty's default leak detection samples one pooled buffer in 128 and records a stack trace for it: about 2 % of
/// a silo's CPU under send load (perf, 2 cores). It reports a leak only through a logger on DotNetty's
/// InternalLoggerFactory, which nothing here installs, so by default the sampling is pure cost and is turned off.
/// A level chosen by the operator (the <c>io.netty.leakDetection.level</c> environment variable) or set in code
/// before the first server or client starts (the leak tests use Paranoid) is left alone.
/// </summary>
internal static class LeakDetectionDefault
{
    private static int s_applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref s_applied, 1) != 0
            || ResourceLeakDetector.Level != ResourceLeakDetector.DetectionLevel.Simple
            || Environment.GetEnvironmentVariable("io.netty.leakDetection.level") is not null
            || Environment.GetEnvironmentVariable("io.netty.leakDetectionLevel") is not null)
        {
            return;
        }

        ResourceLeakDetector.Level = ResourceLeakDetector.DetectionLevel.Disabled;
    }
}
