using Status = Apache.Rocketmq.V2.Status;
using Apache.Rocketmq.V2;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Grpc.Hosting;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// apache.rocketmq.v2.MessagingService over this silo's broker runtime (no grain hop per message). Every answer
/// carries a RocketMQ <see cref="Status"/>; what is not served answers <see cref="Code.NotImplemented"/>.
/// </summary>
public sealed partial class MessagingServiceImpl(GrpcServiceContext context, ILogger<MessagingServiceImpl> logger) : MessagingService.MessagingServiceBase
{
    private BrokerRuntime Runtime => context.Runtime;

    public override Task<HeartbeatResponse> Heartbeat(HeartbeatRequest request, ServerCallContext callContext) =>
        Task.FromResult(new HeartbeatResponse { Status = Statuses.Ok });

    // A gRPC-level error here aborts Apache's C# client at shutdown: always answer OK.
    public override Task<NotifyClientTerminationResponse> NotifyClientTermination(NotifyClientTerminationRequest request, ServerCallContext callContext) =>
        Task.FromResult(new NotifyClientTerminationResponse { Status = Statuses.Ok });

    public override async Task<QueryRouteResponse> QueryRoute(QueryRouteRequest request, ServerCallContext callContext)
    {
        var topic = Resources.Wrap(request.Topic, Resources.Namespace(callContext));
        var config = await FindOrCreateTopicAsync(topic).ConfigureAwait(false);
        if (config is null)
        {
            return new QueryRouteResponse { Status = Statuses.Of(Code.TopicNotFound, $"topic {topic} not found") };
        }

        var response = new QueryRouteResponse { Status = Statuses.Ok };
        var queues = Math.Max(config.ReadQueueNums, config.WriteQueueNums);
        for (var id = 0; id < queues; id++)
        {
            var perm = (id < config.ReadQueueNums ? PermName.Read : 0) | (id < config.WriteQueueNums ? PermName.Write : 0);
            response.MessageQueues.Add(Queue(request.Topic, config, id, perm & config.Perm));
        }

        return response;
    }

    public override async Task<QueryAssignmentResponse> QueryAssignment(QueryAssignmentRequest request, ServerCallContext callContext)
    {
        var topic = Resources.Wrap(request.Topic, Resources.Namespace(callContext));
        var config = await Runtime.Topics.GetAsync(topic).ConfigureAwait(false);
        if (config is null)
        {
            return new QueryAssignmentResponse { Status = Statuses.Of(Code.TopicNotFound, $"topic {topic} not found") };
        }

        // Non-FIFO POP: one assignment per broker, queue -1; the broker pops across its queues.
        return new QueryAssignmentResponse
        {
            Status = Statuses.Ok,
            Assignments = { new Assignment { MessageQueue = Queue(request.Topic, config, -1, config.Perm) } },
        };
    }

    private MessageQueue Queue(Resource topic, BrokerTopicConfig config, int id, int perm) => new()
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
        Broker = new Apache.Rocketmq.V2.Broker { Name = Runtime.Identity.BrokerName, Id = 0, Endpoints = context.Endpoints },
        AcceptMessageTypes = { TopicMessageTypes.Accepted(config.MessageType) },
    };

    private async ValueTask<BrokerTopicConfig?> FindOrCreateTopicAsync(string topic)
    {
        if (ResourceNames.ValidateTopic(topic) is not null)
        {
            return null;
        }

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
