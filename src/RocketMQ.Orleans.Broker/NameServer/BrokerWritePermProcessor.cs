using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// WIPE_WRITE_PERM_OF_BROKER and ADD_WRITE_PERM_OF_BROKER (mqadmin wipeWritePerm / addWritePerm): take a broker group
/// out of the routes' writable queues before maintenance, and put it back. Apache edits its name server's route
/// table; here routes are computed from the control plane on every silo, so the wiped broker names are kept in the
/// cluster-wide KV config (namespace <see cref="WipedNamespace"/>) and every silo's route answer masks their write
/// permission. Like Apache, the broker itself keeps accepting writes from clients that still hold the old route.
/// </summary>
public sealed class BrokerWritePermProcessor(
    IGrainFactory grains,
    KvConfigCache kvConfig,
    ClusterDirectoryCache directories,
    TopicRouteCache routes,
    IOptions<BrokerIdentityOptions> identity,
    ILogger<BrokerWritePermProcessor> logger) : IRequestProcessor
{
    /// <summary>KV namespace of the broker names whose write permission is wiped (key = broker name).</summary>
    public const string WipedNamespace = "RMQ_ORLEANS_WIPED_WRITE_PERM";

    public static IReadOnlyList<int> RequestCodes { get; } = [RequestCode.WipeWritePermOfBroker, RequestCode.AddWritePermOfBroker];

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var brokerName = RequestFields.Required(request, "brokerName");
        var wipe = request.Code == RequestCode.WipeWritePermOfBroker;
        var grain = grains.GetGrain<IKvConfigGrain>(WipedNamespace);
        if (wipe)
        {
            await grain.PutAsync(brokerName, "true").ConfigureAwait(false);
        }
        else
        {
            await grain.DeleteAsync(brokerName).ConfigureAwait(false);
        }

        kvConfig.Invalidate(WipedNamespace);
        var topics = await CountTopicsOnAsync(brokerName).ConfigureAwait(false);
        NameServerLog.WritePermChanged(logger, wipe ? "wipe" : "add", brokerName, topics, context.Connection.RemoteEndPoint);
        var response = request.CreateResponseTo(ResponseCode.Success);
        // WipeWritePermOfBrokerResponseHeader.wipeTopicCount / AddWritePermOfBrokerResponseHeader.addTopicCount.
        response.ExtFields = new() { [wipe ? "wipeTopicCount" : "addTopicCount"] = topics.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return response;
    }

    /// <summary>Apache counts the topics that have queues on the broker group.</summary>
    private async ValueTask<int> CountTopicsOnAsync(string brokerName)
    {
        var count = 0;
        var directory = await directories.GetAsync(identity.Value.BrokerClusterName).ConfigureAwait(false);
        foreach (var topic in directory.TopicNames)
        {
            if (await routes.GetRouteAsync(topic).ConfigureAwait(false) is { } route
                && route.QueueDatas.Any(queue => string.Equals(queue.BrokerName, brokerName, StringComparison.Ordinal)))
            {
                count++;
            }
        }

        return count;
    }
}
