using DotNetty.Transport.Channels;

namespace RocketMQ.Orleans.Remoting.Transport;

internal static class EventLoopShutdown
{
    /// <summary>
    /// Stops an event loop group with no quiet period. Measured with DotNetty 0.7.6: any non-zero quiet period makes
    /// ShutdownGracefullyAsync run to its full timeout (50 ms quiet / 1 s timeout took 1.3 s; zero quiet took 17 ms).
    /// The channels are closed before this runs, so there is nothing left to wait quietly for.
    /// </summary>
    public static Task ShutdownAsync(IEventLoopGroup group, TimeSpan timeout) =>
        BoundedWait.WithinAsync(group.ShutdownGracefullyAsync(TimeSpan.Zero, timeout), timeout + TerminationGrace);

    /// <summary>How long past its own timeout termination may take before shutdown goes on without it.</summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(2);
}
