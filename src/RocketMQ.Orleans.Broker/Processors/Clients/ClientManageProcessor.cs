using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Processors.Names;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Clients;

/// <summary>HEART_BEAT and UNREGISTER_CLIENT (Apache ClientManageProcessor).</summary>
public sealed class ClientManageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    private readonly ILogger _logger = runtime.LoggerFactory.CreateLogger<ClientManageProcessor>();

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code switch
        {
            RequestCode.HeartBeat => HeartbeatAsync(context.Connection, request),
            RequestCode.UnregisterClient => UnregisterClientAsync(context.Connection, request),
            _ => ValueTask.FromResult<RemotingCommand?>(null),
        };

    private async ValueTask<RemotingCommand?> HeartbeatAsync(IRemotingConnection connection, RemotingCommand request)
    {
        var heartbeat = RemotingBody.Decode<HeartbeatData>(request.Body.Span);
        if (RefuseNames(heartbeat) is { } invalid)
        {
            return invalid;
        }

        if (!runtime.ProducerManager.HasRoomFor(heartbeat.ProducerDataSet.Select(producer => producer.GroupName)))
        {
            return RemotingCommand.CreateResponse(ResponseCode.SystemError,
                $"the producer group table is full ({ProducerManager.MaxGroups} groups): no new producer group is registered");
        }

        // Every group is resolved (and created) before any is registered, so a refused group refuses the heartbeat whole.
        var groupConfigs = heartbeat.ConsumerDataSet.Count == 0 ? [] : new Abstractions.Contracts.SubscriptionGroupConfig?[heartbeat.ConsumerDataSet.Count];
        for (var i = 0; i < groupConfigs.Length; i++)
        {
            var group = heartbeat.ConsumerDataSet[i].GroupName;
            groupConfigs[i] = await runtime.FindSubscriptionGroupAsync(group).ConfigureAwait(false);
            if (groupConfigs[i] is null && runtime.RefusedByAutoCreateCap(group))
            {
                // Past Broker:MaxAutoCreatedSubscriptionGroups. Apache (no cap) would register the consumer and refuse its
                // pulls; refusing here keeps the name out of the consumer tables too, with the answer its pulls would get.
                return RemotingCommand.CreateResponse(ResponseCode.SubscriptionGroupNotExist, Remarks.SubscriptionGroupDoesNotExist(group));
            }
        }

        var client = new ClientChannelInfo(connection, heartbeat.ClientID, request.Language, request.Version, runtime.Now);
        for (var i = 0; i < groupConfigs.Length; i++)
        {
            var consumer = heartbeat.ConsumerDataSet[i];
            var groupConfig = groupConfigs[i];
            var notify = true;
            if (groupConfig is not null)
            {
                notify = groupConfig.NotifyConsumerIdsChangedEnable;
                // As Java: every consumer group gets its retry topic on its first heartbeat, so send-backs have a home.
                var topicSysFlag = consumer.UnitMode ? TopicSysFlags.Build(unit: false, hasUnitSub: true) : 0;
                await runtime.GetOrCreateSystemTopicAsync(SystemTopics.GetRetryTopic(consumer.GroupName), groupConfig.RetryQueueNums,
                    PermName.ReadWrite, topicSysFlag).ConfigureAwait(false);
            }

            var changed = runtime.ConsumerManager.RegisterConsumer(consumer.GroupName, client, consumer.ConsumeType, consumer.MessageModel,
                consumer.ConsumeFromWhere, consumer.SubscriptionDataSet, notify);
            // Apache registers SQL92 expressions on every heartbeat (ConsumerIdsChangeListener REGISTER), even with property
            // filtering off; here nothing a client sends is compiled unless the broker would use it.
            if (runtime.Options.EnablePropertyFilter)
            {
                runtime.ConsumerFilters.Register(consumer.GroupName, consumer.SubscriptionDataSet);
            }
            if (changed)
            {
                BrokerLog.ConsumerRegistered(_logger, consumer.GroupName, client.ClientId, client.RemoteAddress);
            }
        }

        foreach (var producer in heartbeat.ProducerDataSet)
        {
            runtime.ProducerManager.RegisterProducer(producer.GroupName, client);
        }

        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        // The Java client keeps the heartbeat answer's version as the broker's version and refuses to send any SQL92
        // pull to a broker older than V4_1_0_SNAPSHOT (PullAPIWrapper.pullKernelImpl), so a 0 here made every SQL92
        // subscription of the official client deliver nothing. Apache's broker stamps V4_9_8 on every command.
        response.Version = BrokerVersion.Code;
        return response;
    }

    /// <summary>
    /// A heartbeat is taken whole or not at all: one malformed group or subscription topic refuses it before any group
    /// is registered, created or given a retry topic.
    /// </summary>
    private static RemotingCommand? RefuseNames(HeartbeatData heartbeat)
    {
        foreach (var consumer in heartbeat.ConsumerDataSet)
        {
            if (NameRefusals.Group(consumer.GroupName) is { } invalidGroup)
            {
                return invalidGroup;
            }

            foreach (var subscription in consumer.SubscriptionDataSet)
            {
                if (NameRefusals.Topic(subscription.Topic) is { } invalidTopic)
                {
                    return invalidTopic;
                }
            }
        }

        foreach (var producer in heartbeat.ProducerDataSet)
        {
            if (NameRefusals.Group(producer.GroupName) is { } invalidGroup)
            {
                return invalidGroup;
            }
        }

        return null;
    }

    private async ValueTask<RemotingCommand?> UnregisterClientAsync(IRemotingConnection connection, RemotingCommand request)
    {
        var header = request.ReadHeader<UnregisterClientRequestHeader>();
        if (header.ProducerGroup is { } producerGroup)
        {
            runtime.ProducerManager.UnregisterProducer(producerGroup, connection);
        }

        if (header.ConsumerGroup is { } consumerGroup && ResourceNames.IsValidGroup(consumerGroup))
        {
            var groupConfig = await runtime.FindSubscriptionGroupAsync(consumerGroup).ConfigureAwait(false);
            runtime.ConsumerManager.UnregisterConsumer(consumerGroup, connection, groupConfig?.NotifyConsumerIdsChangedEnable ?? true);
            runtime.ForgetFiltersOfGoneGroups();
        }

        return RemotingCommand.CreateResponse(ResponseCode.Success);
    }
}
