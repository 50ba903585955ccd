using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// DELETE_TOPIC_IN_NAMESRV: without a cluster the topic goes everywhere; with one, only the queues of that
/// cluster's broker groups go (the topic disappears once no group holds queues), as Apache's RouteInfoManager.
/// </summary>
public sealed class DeleteTopicProcessor(IGrainFactory grains, ClusterDirectoryCache directories, ILogger<DeleteTopicProcessor> logger) : IRequestProcessor
{
    /// <summary>DeleteTopicFromNamesrvRequestHeader fields.</summary>
    public const string TopicField = "topic";
    public const string ClusterNameField = "clusterName";

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var topic = RequestFields.Required(request, TopicField);
        var cluster = RequestFields.Optional(request, ClusterNameField);
        // Apache's name server deletes anything and a system topic comes back with the broker's next registration; here
        // the grain is the truth, so a system topic is refused as the broker's deleteTopic refuses it.
        if (ResourceNames.ValidateTopic(topic) is { } invalid)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, invalid);
        }

        if (SystemTopics.IsSystemTopic(topic))
        {
            NameServerLog.SystemTopicDeleteRefused(logger, topic, context.Connection.RemoteEndPoint);
            return request.CreateResponseTo(ResponseCode.SystemError, SystemTopics.ConflictWithSystemTopic(topic));
        }

        var grain = grains.GetGrain<ITopicGrain>(topic);
        if (string.IsNullOrEmpty(cluster))
        {
            await grain.DeleteAsync().ConfigureAwait(false);
        }
        else
        {
            var directory = await directories.GetAsync(cluster).ConfigureAwait(false);
            foreach (var brokerName in directory.BrokerNames)
            {
                if (await grain.RemoveBrokerQueuesAsync(brokerName).ConfigureAwait(false) is null)
                {
                    break;
                }
            }
        }

        NameServerLog.TopicDeleted(logger, topic, cluster, context.Connection.RemoteEndPoint);
        return request.CreateResponseTo(ResponseCode.Success);
    }
}
