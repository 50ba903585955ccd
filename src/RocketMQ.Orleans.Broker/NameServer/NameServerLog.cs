using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.NameServer;

internal static partial class NameServerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Background reload of KV namespace {Namespace} failed; the cached value is served until the next attempt")]
    public static partial void KvReloadFailed(ILogger logger, Exception exception, string @namespace);

    [LoggerMessage(Level = LogLevel.Information, Message = "KV config {Namespace}/{Key} {Action} by {Remote}")]
    public static partial void KvChanged(ILogger logger, string @namespace, string key, string action, System.Net.EndPoint? remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Topic {Topic} deleted in the name server (cluster '{Cluster}') by {Remote}")]
    public static partial void TopicDeleted(ILogger logger, string topic, string? cluster, System.Net.EndPoint? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to delete system topic {Topic} in the name server, asked by {Remote}")]
    public static partial void SystemTopicDeleteRefused(ILogger logger, string topic, System.Net.EndPoint? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Remote} sent {Code}: brokers join through Orleans membership, not name-server registration")]
    public static partial void BrokerRegistrationRefused(ILogger logger, System.Net.EndPoint? remote, int code);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} write perm of broker {BrokerName} ({Topics} topics) by {Remote}")]
    public static partial void WritePermChanged(ILogger logger, string action, string brokerName, int topics, System.Net.EndPoint? remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "updateNamesrvConfig called by {Remote}")]
    public static partial void ConfigUpdateCalled(ILogger logger, System.Net.EndPoint? remote);
}
