using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.Acl;

internal static partial class AclLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ACL on: {Path} loaded, {Accounts} account(s), {GlobalWhite} global white address pattern(s)")]
    public static partial void Loaded(ILogger logger, string path, int accounts, int globalWhite);

    [LoggerMessage(Level = LogLevel.Information, Message = "ACL file {Path} reloaded: {Accounts} account(s), {GlobalWhite} global white address pattern(s)")]
    public static partial void Reloaded(ILogger logger, string path, int accounts, int globalWhite);

    [LoggerMessage(Level = LogLevel.Error, Message = "ACL file {Path} could not be reloaded; the last good configuration stays in force")]
    public static partial void ReloadFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the ACL file {Path} failed; changes are not picked up until the next change event")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ACL refused request code {Code} from {Remote}: {Remark}")]
    public static partial void Refused(ILogger logger, int code, System.Net.EndPoint? remote, string remark);
}
