using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Send;

/// <summary>
/// Apache AbstractSendMessageProcessor.msgCheck: topic validity, forbidden topics, auto-creation from the default
/// topic and the queue id range. The common path reads the topic cache only; creation is the rare path.
/// </summary>
internal sealed class SendMessageCheck(BrokerRuntime runtime)
{
    private readonly ILogger _logger = runtime.LoggerFactory.CreateLogger<SendMessageCheck>();

    /// <summary>The topic as this broker serves it, or null with <paramref name="response"/> set to the refusal.</summary>
    public async ValueTask<BrokerTopicConfig?> CheckAsync(IRemotingConnection connection, SendMessageRequestHeader header, RemotingCommand response)
    {
        // A malformed name is refused before the lookup: nothing is cached or activated under it.
        if (ResourceNames.ValidateTopic(header.Topic) is { } invalid)
        {
            return Refuse(response, ResponseCode.SystemError, invalid);
        }

        var pending = runtime.Topics.GetAsync(header.Topic);
        var topicConfig = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
        if (!PermName.IsWriteable(runtime.Options.BrokerPermission) && topicConfig is { Order: true })
        {
            return Refuse(response, ResponseCode.NoPermission, Remarks.BrokerSendForbidden(runtime.Identity));
        }

        if (SystemTopics.IsNotAllowedSendTopic(header.Topic))
        {
            return Refuse(response, ResponseCode.NoPermission, SystemTopics.SendForbidden(header.Topic));
        }

        if (topicConfig is null)
        {
            var isRetry = SystemTopics.IsRetryTopic(header.Topic);
            var topicSysFlag = header.UnitMode ? TopicSysFlags.Build(unit: !isRetry, hasUnitSub: isRetry) : 0;
            BrokerLog.TopicNotExist(_logger, header.Topic, RemoteAddresses.Format(connection.RemoteEndPoint), header.DefaultTopic);
            topicConfig = await CreateFromDefaultTopicAsync(header.Topic, header.DefaultTopic, header.DefaultTopicQueueNums, topicSysFlag).ConfigureAwait(false);
            if (topicConfig is null && isRetry)
            {
                topicConfig = await runtime.GetOrCreateSystemTopicAsync(header.Topic, 1, PermName.ReadWrite, topicSysFlag).ConfigureAwait(false);
            }

            if (topicConfig is null)
            {
                return Refuse(response, ResponseCode.TopicNotExist, Remarks.TopicNotExistOnSend(header.Topic));
            }
        }

        if (header.QueueId >= Math.Max(topicConfig.WriteQueueNums, topicConfig.ReadQueueNums))
        {
            var remark = $"request queueId[{header.QueueId}] is illegal, {topicConfig} Producer: {RemoteAddresses.Format(connection.RemoteEndPoint)}";
            BrokerLog.RequestRefused(_logger, remark);
            return Refuse(response, ResponseCode.SystemError, remark);
        }

        return topicConfig;
    }

    /// <summary>
    /// Apache createTopicInSendMessageMethod: a topic inherits queues (capped by the client's default) and perm from an
    /// inheritable default topic. TBW102 is inheritable exactly when auto-creation is on, as Apache's broker sets it.
    /// </summary>
    private async ValueTask<BrokerTopicConfig?> CreateFromDefaultTopicAsync(string topic, string defaultTopic, int clientDefaultQueueNums, int topicSysFlag)
    {
        BrokerTopicConfig? template;
        if (defaultTopic == SystemTopics.AutoCreateTopicKeyTopic)
        {
            if (!runtime.Options.AutoCreateTopicEnable)
            {
                return null;
            }

            var queues = runtime.Options.DefaultTopicQueueNums;
            template = new BrokerTopicConfig(defaultTopic, queues, queues, PermName.ReadWrite | PermName.Inherit);
        }
        else
        {
            // A malformed default topic names no template (Apache finds none in its table); it must not reach a grain key.
            template = ResourceNames.ValidateTopic(defaultTopic) is null ? await runtime.Topics.GetAsync(defaultTopic).ConfigureAwait(false) : null;
        }

        if (template is null || !PermName.IsInherited(template.Perm))
        {
            return null;
        }

        var queueNums = Math.Max(0, Math.Min(clientDefaultQueueNums, template.WriteQueueNums));
        var config = new BrokerTopicConfig(topic, queueNums, queueNums, template.Perm & ~PermName.Inherit, template.TopicFilterType, topicSysFlag);
        var created = await runtime.Topics.EnsureOnBrokerAsync(config).ConfigureAwait(false);
        BrokerLog.TopicCreated(_logger, topic, created?.ToString() ?? "(none)");
        return created;
    }

    private static BrokerTopicConfig? Refuse(RemotingCommand response, int code, string remark)
    {
        response.Code = code;
        response.Remark = remark;
        return null;
    }
}
