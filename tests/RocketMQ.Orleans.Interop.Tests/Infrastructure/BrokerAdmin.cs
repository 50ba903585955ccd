using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>Admin and read-only calls to a silo's broker port with our own protocol library (not ali-ons).</summary>
public static class BrokerAdmin
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sets a subscription group's retryMaxTimes with UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (creating the group if
    /// needed). ali-ons cannot send this request. Note that ali-ons also sends its own maxReconsumeTimes in every
    /// CONSUMER_SEND_MSG_BACK, which Apache brokers prefer over the group's value (client version 121 ≥ V3_4_9).
    /// </summary>
    public static Task ConfigureGroupMaxRetriesAsync(SiloFixture silo, string consumerGroup, int retryMaxTimes) =>
        CreateGroupAsync(silo, new SubscriptionGroupConfig { GroupName = consumerGroup, RetryMaxTimes = retryMaxTimes });

    /// <summary>Creates or updates a subscription group with UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (e.g. a FIFO one, consumeMessageOrderly).</summary>
    public static async Task CreateGroupAsync(SiloFixture silo, SubscriptionGroupConfig config)
    {
        var consumerGroup = config.GroupName;
        var request = RemotingCommand.CreateRequest(RequestCode.UpdateAndCreateSubscriptionGroup, body: config.Encode());
        var response = await InvokeAsync(silo.BrokerAddress, request);
        Assert.True(response.Code == ResponseCode.Success,
            $"UPDATE_AND_CREATE_SUBSCRIPTIONGROUP {consumerGroup} answered {response.Code}: {response.Remark}");
    }

    /// <summary>
    /// Creates (or updates) a topic with UPDATE_AND_CREATE_TOPIC as RocketMQ 5's mqadmin updateTopic sends it, with
    /// its <c>attributes</c> field (e.g. "+message.type=FIFO"); returns the answer.
    /// </summary>
    public static async Task<RemotingCommand> CreateTopicAsync(SiloFixture silo, string topic, string? attributes, int queueNums = 4)
    {
        var header = new CreateTopicRequestHeader
        {
            Topic = topic,
            DefaultTopic = "TBW102",
            ReadQueueNums = queueNums,
            WriteQueueNums = queueNums,
            Perm = 6,
            TopicFilterType = "SINGLE_TAG",
            TopicSysFlag = 0,
            Attributes = attributes,
        };
        return await InvokeAsync(silo.BrokerAddress, RemotingCommand.CreateRequest(RequestCode.UpdateAndCreateTopic, header));
    }

    /// <summary>The group's committed offset of one queue (QUERY_CONSUMER_OFFSET); -1 when none was committed.</summary>
    public static async Task<long> QueryConsumerOffsetAsync(SiloFixture silo, string consumerGroup, string topic, int queueId)
    {
        var header = new QueryConsumerOffsetRequestHeader { ConsumerGroup = consumerGroup, Topic = topic, QueueId = queueId };
        var response = await InvokeAsync(silo.BrokerAddress, RemotingCommand.CreateRequest(RequestCode.QueryConsumerOffset, header));
        return response.Code switch
        {
            ResponseCode.Success => response.ReadHeader<QueryConsumerOffsetResponseHeader>().Offset,
            ResponseCode.QueryNotFound => -1,
            _ => throw new InvalidOperationException($"QUERY_CONSUMER_OFFSET answered {response.Code}: {response.Remark}"),
        };
    }

    /// <summary>The next queue offset to be written in one queue (GET_MAX_OFFSET).</summary>
    public static async Task<long> GetMaxOffsetAsync(SiloFixture silo, string topic, int queueId)
    {
        var header = new GetMaxOffsetRequestHeader { Topic = topic, QueueId = queueId };
        var response = await InvokeAsync(silo.BrokerAddress, RemotingCommand.CreateRequest(RequestCode.GetMaxOffset, header));
        Assert.True(response.Code == ResponseCode.Success, $"GET_MAX_OFFSET {topic}/{queueId} answered {response.Code}: {response.Remark}");
        return response.ReadHeader<GetMaxOffsetResponseHeader>().Offset;
    }

    /// <summary>Like <see cref="GetMaxOffsetAsync"/>, but null instead of a failure (e.g. a topic not created yet).</summary>
    public static async Task<long?> TryGetMaxOffsetAsync(SiloFixture silo, string topic, int queueId)
    {
        var header = new GetMaxOffsetRequestHeader { Topic = topic, QueueId = queueId };
        var response = await InvokeAsync(silo.BrokerAddress, RemotingCommand.CreateRequest(RequestCode.GetMaxOffset, header));
        return response.Code == ResponseCode.Success ? response.ReadHeader<GetMaxOffsetResponseHeader>().Offset : null;
    }

    private static async Task<RemotingCommand> InvokeAsync(string address, RemotingCommand request)
    {
        await using var connection = await RemotingConnection.ConnectAsync(address, CallTimeout);
        return await connection.InvokeAsync(request, CallTimeout);
    }
}
