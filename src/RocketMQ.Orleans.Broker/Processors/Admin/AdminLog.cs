using System.Net;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

internal static partial class AdminLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} {Name} called by {Remote}")]
    public static partial void AdminCall(ILogger logger, string operation, string name, EndPoint? remote);
}
