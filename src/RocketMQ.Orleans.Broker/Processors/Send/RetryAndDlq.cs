using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Processors.Send;

/// <summary>Where a send lands after Apache's handleRetryAndDLQ.</summary>
internal readonly record struct SendTarget(string Topic, int QueueId, int SysFlag, bool ResetDelay);

/// <summary>
/// Apache SendMessageProcessor.handleRetryAndDLQ: a send to %RETRY%group (a client re-sending a message it could not
/// send back) goes to %DLQ%group once its reconsume times reach the group's maximum.
/// </summary>
internal static class RetryAndDlq
{
    public static async ValueTask<SendTarget?> ResolveAsync(BrokerRuntime runtime, RemotingCommand request, SendMessageRequestHeader header,
        BrokerTopicConfig topicConfig, int queueId, RemotingCommand response)
    {
        var sysFlag = SendMessageProcessor.SysFlagFor(topicConfig, header.SysFlag);
        if (!SystemTopics.IsRetryTopic(header.Topic))
        {
            return new SendTarget(header.Topic, queueId, sysFlag, ResetDelay: false);
        }

        var group = header.Topic[SystemTopics.RetryGroupTopicPrefix.Length..];
        var groupConfig = await runtime.FindSubscriptionGroupAsync(group).ConfigureAwait(false);
        if (groupConfig is null)
        {
            response.Code = ResponseCode.SubscriptionGroupNotExist;
            response.Remark = Remarks.SubscriptionGroupNotExist(group);
            return null;
        }

        var maxReconsumeTimes = groupConfig.RetryMaxTimes;
        if (request.Version >= SendMessageProcessor.Version349 && header.MaxReconsumeTimes is { } fromClient)
        {
            maxReconsumeTimes = fromClient;
        }

        if ((header.ReconsumeTimes ?? 0) < maxReconsumeTimes)
        {
            return new SendTarget(header.Topic, queueId, sysFlag, ResetDelay: false);
        }

        var dlqTopic = SystemTopics.GetDlqTopic(group);
        var dlqConfig = await runtime.GetOrCreateSystemTopicAsync(dlqTopic, SystemTopics.DlqNumsPerGroup, PermName.ReadWrite, 0).ConfigureAwait(false);
        if (dlqConfig is null)
        {
            response.Code = ResponseCode.SystemError;
            response.Remark = "topic[" + dlqTopic + "] not exist";
            return null;
        }

        return new SendTarget(dlqTopic, Random.Shared.Next(99_999_999) % SystemTopics.DlqNumsPerGroup,
            SendMessageProcessor.SysFlagFor(dlqConfig, header.SysFlag), ResetDelay: true);
    }
}
