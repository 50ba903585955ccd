using Status = Apache.Rocketmq.V2.Status;
using Apache.Rocketmq.V2;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Grpc.Hosting;
using RocketMQ.Orleans.Grpc.Routing;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// apache.rocketmq.v2.MessagingService over this silo's broker runtime (no grain hop per message). Every answer
/// carries a RocketMQ <see cref="Status"/>; what is not served answers <see cref="Code.NotImplemented"/>.
/// </summary>
public sealed partial class MessagingServiceImpl(GrpcServiceContext context, ILogger<MessagingServiceImpl> logger) : MessagingService.MessagingServiceBase
{
    private BrokerRuntime Runtime => context.Runtime;

    /// <summary>Registers the client anew under its latest settings (a client without an open Telemetry stream has none yet: still OK).</summary>
    public override async Task<HeartbeatResponse> Heartbeat(HeartbeatRequest request, ServerCallContext callContext)
    {
        await context.Clients.HeartbeatAsync(callContext.RequestHeaders.GetValue("x-mq-client-id") ?? string.Empty).ConfigureAwait(false);
        return new HeartbeatResponse { Status = Statuses.Ok };
    }

    // A gRPC-level error here aborts Apache's C# client at shutdown: always answer OK.
    public override Task<NotifyClientTerminationResponse> NotifyClientTermination(NotifyClientTerminationRequest request, ServerCallContext callContext)
    {
        if (context.Clients.Find(callContext.RequestHeaders.GetValue("x-mq-client-id") ?? string.Empty) is { } stream)
        {
            context.Clients.Unregister(stream);
        }

        return Task.FromResult(new NotifyClientTerminationResponse { Status = Statuses.Ok });
    }

    public override async Task<QueryRouteResponse> QueryRoute(QueryRouteRequest request, ServerCallContext callContext)
    {
        var topic = Resources.Wrap(request.Topic, Resources.Namespace(callContext));
        var route = await RouteAsync(topic, createIfMissing: true).ConfigureAwait(false);
        if (route is not var (config, brokers))
        {
            return new QueryRouteResponse { Status = Statuses.Of(Code.TopicNotFound, $"topic {topic} not found") };
        }

        var response = new QueryRouteResponse { Status = Statuses.Ok };
        foreach (var broker in brokers)
        {
            var queues = Math.Max(broker.ReadQueueNums, broker.WriteQueueNums);
            for (var id = 0; id < queues; id++)
            {
                var perm = (id < broker.ReadQueueNums ? PermName.Read : 0) | (id < broker.WriteQueueNums ? PermName.Write : 0);
                response.MessageQueues.Add(Queue(request.Topic, config, broker, id, perm & broker.Perm));
            }
        }

        return response;
    }

    public override async Task<QueryAssignmentResponse> QueryAssignment(QueryAssignmentRequest request, ServerCallContext callContext)
    {
        var topic = Resources.Wrap(request.Topic, Resources.Namespace(callContext));
        var route = await RouteAsync(topic, createIfMissing: false).ConfigureAwait(false);
        if (route is not var (config, brokers))
        {
            return new QueryAssignmentResponse { Status = Statuses.Of(Code.TopicNotFound, $"topic {topic} not found") };
        }

        // Non-FIFO POP: one assignment per readable broker, queue -1; each broker pops across its own queues.
        var response = new QueryAssignmentResponse { Status = Statuses.Ok };
        foreach (var broker in brokers)
        {
            if (PermName.IsReadable(broker.Perm) && broker.ReadQueueNums > 0)
            {
                response.Assignments.Add(new Assignment { MessageQueue = Queue(request.Topic, config, broker, -1, broker.Perm) });
            }
        }

        return response;
    }

    private static MessageQueue Queue(Resource topic, TopicConfig config, RoutedBroker broker, int id, int perm) => new()
    {
        Topic = topic,
        Id = id,
        Permission = (PermName.IsReadable(perm), PermName.IsWriteable(perm)) switch
        {
            (true, true) => Permission.ReadWrite,
            (true, false) => Permission.Read,
            (false, true) => Permission.Write,
            _ => Permission.None,
        },
        // Clients drop queues of any broker id but 0 (the master).
        Broker = new Apache.Rocketmq.V2.Broker { Name = broker.BrokerName, Id = 0, Endpoints = broker.Endpoints },
        AcceptMessageTypes = { TopicMessageTypes.Accepted(config.MessageType) },
    };

    /// <summary>
    /// The cluster's route of the topic (every broker group, from the name-server role's data); when no group has it,
    /// auto-creation on this broker as the remoting send path does, routed at this silo.
    /// </summary>
    private async ValueTask<(TopicConfig Config, List<RoutedBroker> Brokers)?> RouteAsync(string topic, bool createIfMissing)
    {
        if (ResourceNames.ValidateTopic(topic) is not null)
        {
            return null;
        }

        if (await context.Routes.GetAsync(topic).ConfigureAwait(false) is { } route)
        {
            return route;
        }

        var local = createIfMissing ? await FindOrCreateTopicAsync(topic).ConfigureAwait(false) : await Runtime.Topics.GetAsync(topic).ConfigureAwait(false);
        return local is null
            ? null
            : (local.ToTopicConfig(), [new RoutedBroker(Runtime.Identity.BrokerName, context.Endpoints, local.ReadQueueNums, local.WriteQueueNums, local.Perm)]);
    }

    private async ValueTask<BrokerTopicConfig?> FindOrCreateTopicAsync(string topic)
    {
        var config = await Runtime.Topics.GetAsync(topic).ConfigureAwait(false);
        if (config is not null || !Runtime.Options.AutoCreateTopicEnable || SystemTopics.IsSystemTopic(topic))
        {
            return config;
        }

        // As the remoting send path does for TBW102: auto-creation gives a new topic the default queue count here.
        var queues = Runtime.Options.DefaultTopicQueueNums;
        return await Runtime.Topics.EnsureOnBrokerAsync(new BrokerTopicConfig(topic, queues, queues, PermName.ReadWrite)).ConfigureAwait(false);
    }

    private Status Failed(string method, Exception exception)
    {
        GrpcLog.CallFailed(logger, method, exception.Message, exception);
        return Statuses.Of(Code.InternalServerError, exception.Message);
    }
}
