using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Processors.Names;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Remoting;
using SubscriptionGroupConfig = RocketMQ.Orleans.Abstractions.Contracts.SubscriptionGroupConfig;

namespace RocketMQ.Orleans.Broker.Processors.Pop;

/// <summary>
/// The checks Apache's POP, PEEK and NOTIFICATION processors share, with their codes and remarks: the broker and the
/// topic readable, the queue id within the topic's read queues (or -1), the group known and allowed to consume.
/// </summary>
internal static class PopRequestChecks
{
    public static async ValueTask<(RemotingCommand? Refusal, SubscriptionGroupConfig? Group)> CheckAsync(BrokerRuntime runtime, string group, string topic,
        int queueId, string verb)
    {
        if (!PermName.IsReadable(runtime.Options.BrokerPermission))
        {
            return (Refuse(ResponseCode.NoPermission, $"the broker[{runtime.Identity.BrokerIP}] {verb} message is forbidden"), null);
        }

        if (NameRefusals.GroupAndTopic(group, topic) is { } invalidName)
        {
            return (invalidName, null);
        }

        var topicConfig = await runtime.Topics.GetAsync(topic).ConfigureAwait(false);
        if (topicConfig is null)
        {
            return (Refuse(ResponseCode.TopicNotExist, $"topic[{topic}] not exist, apply first please! {Remarks.SuggestTodo()}"), null);
        }

        if (!PermName.IsReadable(topicConfig.Perm))
        {
            return (Refuse(ResponseCode.NoPermission, "the topic[" + topic + "] peeking message is forbidden"), null);
        }

        if (queueId >= topicConfig.ReadQueueNums || queueId < -1)
        {
            return (Refuse(ResponseCode.InvalidParameter,
                $"queueId[{queueId}] is illegal, topic:[{topic}] topicConfig.readQueueNums:[{topicConfig.ReadQueueNums}] consumer:[{group}]"), null);
        }

        var groupConfig = await runtime.FindSubscriptionGroupAsync(group).ConfigureAwait(false);
        if (groupConfig is null)
        {
            return (Refuse(ResponseCode.SubscriptionGroupNotExist, $"subscription group [{group}] does not exist, {Remarks.SuggestTodo()}"), null);
        }

        if (!groupConfig.ConsumeEnable)
        {
            return (Refuse(ResponseCode.NoPermission, "subscription group no permission, " + group), null);
        }

        return (null, groupConfig);
    }

    public static RemotingCommand Refuse(int code, string remark) => RemotingCommand.CreateResponse(code, remark);
}
