using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Admin;

public sealed partial class RocketMQAdmin
{
    /// <summary>
    /// Creates or updates a topic on every master of the cluster (all clusters when null), as mqadmin updateTopic -c does.
    /// Returns the broker names that accepted it.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateTopicAsync(TopicConfig config, string? clusterName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        Producer.MessagePropertiesBuilder.ValidateTopic(config.TopicName);
        var updated = new List<string>();
        foreach (var (brokerName, address) in await GetMasterBrokersAsync(clusterName, cancellationToken).ConfigureAwait(false))
        {
            var response = await _core.InvokeAsync(address, CreateTopicRequest(config), cancellationToken: cancellationToken).ConfigureAwait(false);
            ResponseChecks.EnsureSuccess(response, address);
            updated.Add(brokerName);
        }

        _core.Routes.Invalidate(config.TopicName);
        return updated;
    }

    /// <summary>The UPDATE_AND_CREATE_TOPIC request of Apache <c>MQClientAPIImpl.createTopic</c>.</summary>
    internal RemotingCommand CreateTopicRequest(TopicConfig config) =>
        _core.CreateRequest(RequestCode.UpdateAndCreateTopic, new CreateTopicRequestHeader
        {
            Topic = config.TopicName,
            DefaultTopic = MixAll.DefaultTopic,
            ReadQueueNums = config.ReadQueueNums,
            WriteQueueNums = config.WriteQueueNums,
            Perm = config.Perm,
            TopicFilterType = config.TopicFilterType == TopicFilterType.MultiTag ? "MULTI_TAG" : "SINGLE_TAG",
            TopicSysFlag = config.TopicSysFlag,
            Order = config.Order,
            Attributes = AttributeChanges(config),
        });

    /// <summary>
    /// Apache AttributeParser.parseToString of a request's attribute map, whose keys carry their sign
    /// ("+message.type" → "FIFO" becomes "+message.type=FIFO"; "-message.type" with no value stays as is).
    /// </summary>
    private static string? AttributeChanges(TopicConfig config) =>
        config.Attributes.Count == 0
            ? null
            : string.Join(',', config.Attributes.Select(attribute => attribute.Value.Length == 0 ? attribute.Key : attribute.Key + "=" + attribute.Value));

    /// <summary>Every topic the name server knows.</summary>
    public async Task<IReadOnlyList<string>> GetTopicListAsync(CancellationToken cancellationToken = default) =>
        (await _core.NameServer.GetAllTopicListAsync(cancellationToken).ConfigureAwait(false)).Topics;

    /// <summary>The topic's route, or null if it does not exist.</summary>
    public Task<TopicRouteData?> GetTopicRouteAsync(string topic, CancellationToken cancellationToken = default) =>
        _core.NameServer.GetRouteInfoAsync(topic, cancellationToken);
}
