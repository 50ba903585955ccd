using DotNetty.Common.Internal.Logging;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Remoting;

/// <summary>
/// DotNetty logs (including buffer-leak reports) through a process-wide factory; the host routes it once.
/// DotNetty binds each type's logger when the type initialises, so call this before any DotNetty type is used
/// (at host start, before the first server or client is created); later calls miss loggers already bound.
/// </summary>
public static class DotNettyLogging
{
    public static void UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        InternalLoggerFactory.DefaultFactory = loggerFactory;
    }
}
