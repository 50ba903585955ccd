using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.Processors.Names;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;
using BodyGroupConfig = RocketMQ.Orleans.Protocol.Bodies.SubscriptionGroupConfig;
using GroupConfig = RocketMQ.Orleans.Abstractions.Contracts.SubscriptionGroupConfig;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, GET_ALL_SUBSCRIPTIONGROUP_CONFIG and DELETE_SUBSCRIPTIONGROUP; configurations
/// live in the groups' grains, so a change through any silo holds on every broker.
/// </summary>
internal sealed class SubscriptionGroupAdminProcessor(
    IGrainFactory grains,
    SubscriptionGroupCache cache,
    SubscriptionGroupIndex index,
    ConsumerManager consumers,
    MessageStore store,
    ILogger<SubscriptionGroupAdminProcessor> logger) : IRequestProcessor
{
    /// <summary>DeleteSubscriptionGroupRequestHeader fields.</summary>
    public const string GroupNameField = "groupName";
    public const string RemoveOffsetField = "removeOffset";

    public static IReadOnlyList<int> RequestCodes { get; } =
        [RequestCode.UpdateAndCreateSubscriptionGroup, RequestCode.GetAllSubscriptionGroupConfig, RequestCode.DeleteSubscriptionGroup];

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code switch
        {
            RequestCode.UpdateAndCreateSubscriptionGroup => CreateAsync(context, request),
            RequestCode.GetAllSubscriptionGroupConfig => GetAllAsync(request),
            RequestCode.DeleteSubscriptionGroup => DeleteAsync(context, request),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Unexpected request code."),
        };

    private async ValueTask<RemotingCommand?> CreateAsync(RemotingRequestContext context, RemotingCommand request)
    {
        // Apache ignores a request without a body and answers SUCCESS.
        if (request.Body.IsEmpty)
        {
            return request.CreateResponseTo(ResponseCode.Success);
        }

        var body = RemotingBody.Decode<BodyGroupConfig>(request.Body.Span);
        AdminLog.AdminCall(logger, "updateAndCreateSubscriptionGroup", body.GroupName, context.Connection.RemoteEndPoint);
        if ((NameRefusals.Group(body.GroupName) ?? NameRefusals.SystemGroupWrite(body.GroupName)) is { } refused)
        {
            return refused;
        }

        var config = new GroupConfig(
            body.GroupName,
            body.ConsumeEnable,
            body.ConsumeFromMinEnable,
            body.ConsumeBroadcastEnable,
            body.RetryQueueNums,
            body.RetryMaxTimes,
            body.BrokerId,
            body.WhichBrokerWhenConsumeSlowly,
            body.NotifyConsumerIdsChangedEnable,
            body.ConsumeMessageOrderly);
        await grains.GetGrain<IConsumerGroupGrain>(config.GroupName).CreateOrUpdateConfigAsync(config).ConfigureAwait(false);
        await index.AddAsync(config.GroupName).ConfigureAwait(false);
        return request.CreateResponseTo(ResponseCode.Success);
    }

    private async ValueTask<RemotingCommand?> GetAllAsync(RemotingCommand request)
    {
        var names = new SortedSet<string>(await index.GetAllAsync().ConfigureAwait(false), StringComparer.Ordinal);
        names.UnionWith(consumers.Groups);
        names.UnionWith(store.ConsumerOffsets.Groups);

        var wrapper = new SubscriptionGroupWrapper { DataVersion = new DataVersion(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0) };
        foreach (var name in names)
        {
            if (await cache.GetAsync(name).ConfigureAwait(false) is { } config)
            {
                wrapper.SubscriptionGroupTable[name] = ToBody(config);
            }
        }

        if (wrapper.SubscriptionGroupTable.Count == 0)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, "No subscription group in this broker");
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = wrapper.Encode();
        return response;
    }

    private async ValueTask<RemotingCommand?> DeleteAsync(RemotingRequestContext context, RemotingCommand request)
    {
        var group = RequestFields.Required(request, GroupNameField);
        AdminLog.AdminCall(logger, "deleteSubscriptionGroup", group, context.Connection.RemoteEndPoint);
        if ((NameRefusals.Group(group) ?? NameRefusals.SystemGroupWrite(group)) is { } refused)
        {
            return refused;
        }

        await grains.GetGrain<IConsumerGroupGrain>(group).DeleteConfigAsync().ConfigureAwait(false);
        await index.RemoveAsync(group).ConfigureAwait(false);
        if (RequestFields.Boolean(request, RemoveOffsetField))
        {
            store.ConsumerOffsets.RemoveGroup(group);
        }

        return request.CreateResponseTo(ResponseCode.Success);
    }

    internal static BodyGroupConfig ToBody(GroupConfig config) => new()
    {
        GroupName = config.GroupName,
        ConsumeEnable = config.ConsumeEnable,
        ConsumeFromMinEnable = config.ConsumeFromMinEnable,
        ConsumeBroadcastEnable = config.ConsumeBroadcastEnable,
        RetryQueueNums = config.RetryQueueNums,
        RetryMaxTimes = config.RetryMaxTimes,
        BrokerId = config.BrokerId,
        WhichBrokerWhenConsumeSlowly = config.WhichBrokerWhenConsumeSlowly,
        NotifyConsumerIdsChangedEnable = config.NotifyConsumerIdsChangedEnable,
        ConsumeMessageOrderly = config.ConsumeMessageOrderly,
    };
}
