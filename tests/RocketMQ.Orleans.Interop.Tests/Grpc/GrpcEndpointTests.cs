using Status = Apache.Rocketmq.V2.Status;
using System.IO.Hashing;
using System.Security.Cryptography;
using Apache.Rocketmq.V2;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using SubscriptionGroupConfig = RocketMQ.Orleans.Protocol.Bodies.SubscriptionGroupConfig;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// The v2 MessagingService of a silo process through the generated gRPC client: what the 5.x clients rely on
/// beyond what the Node client's happy path shows (settings, statuses, digests, invisible time, DLQ, offsets).
/// </summary>
public sealed class GrpcEndpointTests(GrpcSilo silo) : IClassFixture<GrpcSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private MessagingService.MessagingServiceClient Client => silo.Client;

    private static Resource Res(string name) => new() { Name = name };

    [Fact]
    public async Task Telemetry_answers_producer_settings_with_ok_and_an_exponential_publishing_backoff()
    {
        var settings = await ExchangeSettingsAsync(new Settings
        {
            ClientType = ClientType.Producer,
            RequestTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(3)),
            Publishing = new Publishing { Topics = { Res("GrpcSettingsTopic") } },
        });

        Assert.Equal(RetryPolicy.StrategyOneofCase.ExponentialBackoff, settings.BackoffPolicy.StrategyCase);
        Assert.True(settings.BackoffPolicy.MaxAttempts > 0);
        Assert.True(settings.Publishing.MaxBodySize > 0);
        Assert.True(settings.Publishing.ValidateMessageType, "routes name each topic's types: producers are asked to check them");
        Assert.False(settings.Metric.On);
    }

    [Fact]
    public async Task Telemetry_answers_consumer_settings_with_batch_size_long_polling_and_fifo_flag()
    {
        var settings = await ExchangeSettingsAsync(new Settings
        {
            ClientType = ClientType.SimpleConsumer,
            Subscription = new Subscription { Group = Res("GID_settings"), Subscriptions = { new SubscriptionEntry { Topic = Res("T") } } },
        });

        Assert.True(settings.Subscription.ReceiveBatchSize > 0);
        Assert.True(settings.Subscription.LongPollingTimeout.ToTimeSpan() > TimeSpan.Zero);
        Assert.True(settings.Subscription.HasFifo);
        Assert.False(settings.Subscription.Fifo);
        Assert.Equal(RetryPolicy.StrategyOneofCase.ExponentialBackoff, settings.BackoffPolicy.StrategyCase);
    }

    [Fact]
    public async Task Telemetry_reports_fifo_for_a_group_created_with_consume_message_orderly()
    {
        await BrokerAdmin.CreateGroupAsync(silo.Silo, new SubscriptionGroupConfig { GroupName = "GID_settings_fifo", ConsumeMessageOrderly = true });

        var settings = await ExchangeSettingsAsync(new Settings
        {
            ClientType = ClientType.PushConsumer,
            Subscription = new Subscription { Group = Res("GID_settings_fifo"), Subscriptions = { new SubscriptionEntry { Topic = Res("T") } } },
        });

        Assert.True(settings.Subscription.Fifo);
    }

    private async Task<Settings> ExchangeSettingsAsync(Settings settings)
    {
        using var call = Client.Telemetry(GrpcSilo.Headers(), DateTime.UtcNow.Add(Deadline));
        await call.RequestStream.WriteAsync(new TelemetryCommand { Settings = settings });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the server closed the stream without answering the settings");
        var reply = call.ResponseStream.Current;
        await call.RequestStream.CompleteAsync();
        Assert.Equal(Code.Ok, reply.Status.Code);
        Assert.Equal(TelemetryCommand.CommandOneofCase.Settings, reply.CommandCase);
        return reply.Settings;
    }

    [Fact]
    public async Task Heartbeat_and_notify_client_termination_answer_ok()
    {
        var heartbeat = await Client.HeartbeatAsync(new HeartbeatRequest { ClientType = ClientType.Producer }, GrpcSilo.Headers());
        var termination = await Client.NotifyClientTerminationAsync(new NotifyClientTerminationRequest { Group = Res("GID_none") }, GrpcSilo.Headers());

        Assert.Equal(Code.Ok, heartbeat.Status.Code);
        Assert.Equal(Code.Ok, termination.Status.Code);
    }

    [Fact]
    public async Task Route_lists_every_queue_on_broker_id_0_at_the_grpc_endpoint_and_assignment_is_one_queue_minus_1()
    {
        var route = await Client.QueryRouteAsync(new QueryRouteRequest { Topic = Res("GrpcRouteTopic") }, GrpcSilo.Headers());
        var assignment = await Client.QueryAssignmentAsync(new QueryAssignmentRequest { Topic = Res("GrpcRouteTopic"), Group = Res("GID_route") },
            GrpcSilo.Headers());

        Assert.Equal(Code.Ok, route.Status.Code);
        Assert.NotEmpty(route.MessageQueues);
        Assert.Equal(Enumerable.Range(0, route.MessageQueues.Count), route.MessageQueues.Select(q => q.Id));
        Assert.All(route.MessageQueues, q =>
        {
            Assert.Equal(0, q.Broker.Id);
            Assert.Equal(Permission.ReadWrite, q.Permission);
            Assert.Equal(new Address { Host = "127.0.0.1", Port = silo.Port }, Assert.Single(q.Broker.Endpoints.Addresses));
            // No message.type attribute: the topic takes every type, as 4.x topics do.
            Assert.Equal([MessageType.Normal, MessageType.Fifo, MessageType.Delay, MessageType.Transaction], q.AcceptMessageTypes);
        });
        Assert.Equal(Code.Ok, assignment.Status.Code);
        Assert.Equal(-1, Assert.Single(assignment.Assignments).MessageQueue.Id);
    }

    [Fact]
    public async Task Route_of_an_illegal_topic_name_answers_topic_not_found()
    {
        var route = await Client.QueryRouteAsync(new QueryRouteRequest { Topic = Res("no such topic!") }, GrpcSilo.Headers());
        Assert.Equal(Code.TopicNotFound, route.Status.Code);
    }

    [Fact]
    public async Task Send_checks_body_digests_crc32_decimal_and_md5_pass_a_wrong_one_is_message_corrupted()
    {
        const string topic = "GrpcDigestTopic";
        await RouteAsync(topic);
        var body = "digest me"u8.ToArray();

        var crc = await SendAsync(topic, body, new Digest { Type = DigestType.Crc32, Checksum = Crc32.HashToUInt32(body).ToString() });
        var md5 = await SendAsync(topic, body, new Digest { Type = DigestType.Md5, Checksum = Convert.ToHexString(MD5.HashData(body)) });
        var wrong = await SendAsync(topic, body, new Digest { Type = DigestType.Md5, Checksum = "00112233445566778899AABBCCDDEEFF" });

        Assert.Equal(Code.Ok, crc.Status.Code);
        Assert.Equal(Code.Ok, md5.Status.Code);
        Assert.Equal(Code.MessageCorrupted, wrong.Status.Code);
        Assert.Equal(Code.MessageCorrupted, Assert.Single(wrong.Entries).Status.Code);
    }

    [Fact]
    public async Task Change_invisible_duration_gives_a_new_handle_that_acks_and_the_message_is_not_delivered_again()
    {
        const string topic = "GrpcInvisibleTopic";
        const string group = "GID_grpc_invisible";
        await RouteAsync(topic);
        Assert.Equal(Code.Ok, (await SendAsync(topic, "hold me"u8.ToArray())).Status.Code);

        var message = Assert.Single(await ReceiveAsync(topic, group, TimeSpan.FromSeconds(2)));
        Assert.Equal(1, message.SystemProperties.DeliveryAttempt);
        Assert.Equal(Convert.ToHexString(MD5.HashData(message.Body.Span)), message.SystemProperties.BodyDigest.Checksum);

        var changed = await Client.ChangeInvisibleDurationAsync(new ChangeInvisibleDurationRequest
        {
            Group = Res(group),
            Topic = Res(topic),
            ReceiptHandle = message.SystemProperties.ReceiptHandle,
            InvisibleDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(60)),
            MessageId = message.SystemProperties.MessageId,
        }, GrpcSilo.Headers());
        Assert.Equal(Code.Ok, changed.Status.Code);
        Assert.NotEqual(message.SystemProperties.ReceiptHandle, changed.ReceiptHandle);

        // Past the first invisible time: the change kept it invisible.
        Assert.Empty(await ReceiveAsync(topic, group, TimeSpan.FromSeconds(2), longPolling: TimeSpan.FromSeconds(3)));

        var ack = await Client.AckMessageAsync(new AckMessageRequest
        {
            Group = Res(group),
            Topic = Res(topic),
            Entries = { new AckMessageEntry { MessageId = message.SystemProperties.MessageId, ReceiptHandle = changed.ReceiptHandle } },
        }, GrpcSilo.Headers());
        Assert.Equal(Code.Ok, ack.Status.Code);
        Assert.Equal(Code.Ok, Assert.Single(ack.Entries).Status.Code);
    }

    [Fact]
    public async Task Forward_to_dead_letter_queue_ends_the_message_and_an_ack_of_garbage_is_invalid_receipt_handle()
    {
        const string topic = "GrpcDlqTopic";
        const string group = "GID_grpc_dlq";
        await RouteAsync(topic);
        Assert.Equal(Code.Ok, (await SendAsync(topic, "poison"u8.ToArray())).Status.Code);
        var message = Assert.Single(await ReceiveAsync(topic, group, TimeSpan.FromSeconds(1)));

        var forwarded = await Client.ForwardMessageToDeadLetterQueueAsync(new ForwardMessageToDeadLetterQueueRequest
        {
            Group = Res(group),
            Topic = Res(topic),
            ReceiptHandle = message.SystemProperties.ReceiptHandle,
            MessageId = message.SystemProperties.MessageId,
            DeliveryAttempt = 1,
            MaxDeliveryAttempts = 1,
        }, GrpcSilo.Headers());
        var garbage = await Client.AckMessageAsync(new AckMessageRequest
        {
            Group = Res(group),
            Topic = Res(topic),
            Entries = { new AckMessageEntry { MessageId = "x", ReceiptHandle = "not a handle" } },
        }, GrpcSilo.Headers());

        Assert.Equal(Code.Ok, forwarded.Status.Code);
        // Apache's proxy fails to decode it: INTERNAL_SERVER_ERROR, not INVALID_RECEIPT_HANDLE.
        Assert.Equal(Code.InternalServerError, garbage.Status.Code);
        // Past its invisible time it does not come back: it lives in %DLQ%group now.
        Assert.Empty(await ReceiveAsync(topic, group, TimeSpan.FromSeconds(1), longPolling: TimeSpan.FromSeconds(2)));
        var dlqRoute = await Client.QueryRouteAsync(new QueryRouteRequest { Topic = Res("%DLQ%" + group) }, GrpcSilo.Headers());
        Assert.Equal(Code.Ok, dlqRoute.Status.Code);
        var end = await Client.QueryOffsetAsync(new QueryOffsetRequest
        {
            MessageQueue = new MessageQueue { Topic = Res("%DLQ%" + group), Id = 0 },
            QueryOffsetPolicy = QueryOffsetPolicy.End,
        }, GrpcSilo.Headers());
        Assert.Equal(1, end.Offset);
    }

    [Fact]
    public async Task A_message_with_a_delivery_timestamp_is_received_only_once_that_time_has_come()
    {
        const string topic = "GrpcDelayTopic";
        const string group = "GID_grpc_delay";
        await RouteAsync(topic);
        var deliverAt = DateTime.UtcNow.AddSeconds(3);
        var sent = await SendAsync(topic, "later"u8.ToArray(), deliveryTimestamp: deliverAt);
        Assert.Equal(Code.Ok, sent.Status.Code);

        Assert.Empty(await ReceiveAsync(topic, group, TimeSpan.FromSeconds(10), longPolling: TimeSpan.FromMilliseconds(500)));
        var message = Assert.Single(await ReceiveAsync(topic, group, TimeSpan.FromSeconds(10), longPolling: TimeSpan.FromSeconds(20)));

        Assert.True(DateTime.UtcNow >= deliverAt.AddMilliseconds(-100), "delivered before its delivery timestamp");
        Assert.Equal(MessageType.Delay, message.SystemProperties.MessageType);
        Assert.Equal(Timestamp.FromDateTime(deliverAt).Seconds, message.SystemProperties.DeliveryTimestamp.Seconds);
        Assert.Equal("later", message.Body.ToStringUtf8());
    }

    [Fact]
    public async Task Offsets_update_get_and_query_round_trip()
    {
        const string topic = "GrpcOffsetTopic";
        await RouteAsync(topic);
        var queue = new MessageQueue { Topic = Res(topic), Id = 0 };

        var missing = await Client.GetOffsetAsync(new GetOffsetRequest { Group = Res("GID_offsets"), MessageQueue = queue }, GrpcSilo.Headers());
        var update = await Client.UpdateOffsetAsync(new UpdateOffsetRequest { Group = Res("GID_offsets"), MessageQueue = queue, Offset = 42 }, GrpcSilo.Headers());
        var get = await Client.GetOffsetAsync(new GetOffsetRequest { Group = Res("GID_offsets"), MessageQueue = queue }, GrpcSilo.Headers());
        var beginning = await Client.QueryOffsetAsync(new QueryOffsetRequest { MessageQueue = queue, QueryOffsetPolicy = QueryOffsetPolicy.Beginning },
            GrpcSilo.Headers());

        Assert.Equal(Code.OffsetNotFound, missing.Status.Code);
        Assert.Equal(Code.Ok, update.Status.Code);
        Assert.Equal((Code.Ok, 42L), (get.Status.Code, get.Offset));
        Assert.Equal((Code.Ok, 0L), (beginning.Status.Code, beginning.Offset));
    }

    [Fact]
    public async Task Methods_not_served_answer_a_not_implemented_status_not_a_grpc_error()
    {
        var lite = await Client.SyncLiteSubscriptionAsync(new SyncLiteSubscriptionRequest(), GrpcSilo.Headers());

        Assert.Equal(Code.NotImplemented, lite.Status.Code);
    }

    [Fact]
    public async Task Recall_is_off_by_default_and_answers_the_brokers_refusal_as_apaches_proxy()
    {
        var recall = await Client.RecallMessageAsync(new RecallMessageRequest { Topic = Res("T"), RecallHandle = "h" }, GrpcSilo.Headers());

        Assert.Equal((Code.InternalServerError, "recall failed, operation is forbidden"), (recall.Status.Code, recall.Status.Message));
    }

    [Fact]
    public async Task Pull_answers_status_messages_then_next_offset_filters_by_tag_and_flags_an_offset_out_of_range()
    {
        const string topic = "GrpcPullTopic";
        const string group = "GID_grpc_pull";
        var route = await Client.QueryRouteAsync(new QueryRouteRequest { Topic = Res(topic) }, GrpcSilo.Headers());
        Assert.Equal(Code.Ok, (await SendAsync(topic, "one"u8.ToArray())).Status.Code);
        Assert.Equal(Code.Ok, (await SendAsync(topic, "two"u8.ToArray())).Status.Code);

        var found = new List<string>();
        var queueWithMessages = -1;
        foreach (var queue in route.MessageQueues.Select(q => q.Id).Distinct())
        {
            var (status, messages, next) = await PullAsync(topic, group, queue, 0, "TagG");
            if (status.Code == Code.Ok)
            {
                found.AddRange(messages.Select(m => m.Body.ToStringUtf8()));
                Assert.Equal(messages.Count, next);
                queueWithMessages = queue;
            }
            else
            {
                Assert.Equal((Code.MessageNotFound, 0L), (status.Code, next));
            }
        }

        var (otherTag, otherMessages, otherNext) = await PullAsync(topic, group, queueWithMessages, 0, "Other");
        var (beyond, _, _) = await PullAsync(topic, group, queueWithMessages, 1000, "*");

        Assert.Equal(["one", "two"], found.Order());
        Assert.Equal(Code.MessageNotFound, otherTag.Code);
        Assert.Empty(otherMessages);
        Assert.True(otherNext > 0, "a pull past unmatched messages moves the next offset on");
        Assert.Equal(Code.IllegalOffset, beyond.Code);
    }

    private async Task<(Status Status, List<Message> Messages, long? Next)> PullAsync(string topic, string group, int queueId, long offset, string tag)
    {
        using var call = Client.PullMessage(new PullMessageRequest
        {
            Group = Res(group),
            MessageQueue = new MessageQueue { Topic = Res(topic), Id = queueId },
            Offset = offset,
            BatchSize = 32,
            FilterExpression = new FilterExpression { Type = FilterType.Tag, Expression = tag },
            LongPollingTimeout = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(200)),
        }, GrpcSilo.Headers());
        Status? status = null;
        var messages = new List<Message>();
        long? next = null;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var response = call.ResponseStream.Current;
            switch (response.ContentCase)
            {
                case PullMessageResponse.ContentOneofCase.Status:
                    Assert.Null(status);
                    status = response.Status;
                    break;
                case PullMessageResponse.ContentOneofCase.Message:
                    Assert.NotNull(status);
                    messages.Add(response.Message);
                    break;
                case PullMessageResponse.ContentOneofCase.NextOffset:
                    next = response.NextOffset;
                    break;
            }
        }

        return (status!, messages, next);
    }

    [Fact]
    public async Task A_topic_typed_fifo_routes_fifo_only_and_refuses_a_normal_message_with_rocketmq_5s_status()
    {
        const string topic = "GrpcFifoTypedTopic";
        var created = await BrokerAdmin.CreateTopicAsync(silo.Silo, topic, "+message.type=FIFO");
        Assert.True(created.Code == RocketMQ.Orleans.Protocol.Remoting.ResponseCode.Success, created.Remark);

        var route = await Client.QueryRouteAsync(new QueryRouteRequest { Topic = Res(topic) }, GrpcSilo.Headers());
        var normal = await SendAsync(topic, "normal"u8.ToArray());
        var grouped = await SendAsync(topic, "grouped"u8.ToArray(), messageGroup: "g1");

        Assert.All(route.MessageQueues, q => Assert.Equal([MessageType.Fifo], q.AcceptMessageTypes));
        Assert.Equal(Code.MessagePropertyConflictWithType, normal.Status.Code);
        Assert.Equal("TopicMessageType validate failed, the expected type is FIFO, but actual type is NORMAL", normal.Status.Message);
        Assert.Equal(Code.Ok, grouped.Status.Code);
    }

    [Fact]
    public async Task Topic_attributes_other_than_message_type_or_unknown_types_are_refused_as_rocketmq_5_does()
    {
        var unknownKey = await BrokerAdmin.CreateTopicAsync(silo.Silo, "GrpcAttrTopic", "+queue.type=BatchCQ");
        var unknownType = await BrokerAdmin.CreateTopicAsync(silo.Silo, "GrpcAttrTopic", "+message.type=LOUD");
        var deleteOnCreate = await BrokerAdmin.CreateTopicAsync(silo.Silo, "GrpcAttrTopic", "-message.type");

        Assert.Equal((RocketMQ.Orleans.Protocol.Remoting.ResponseCode.SystemError, "unsupported key: queue.type"), (unknownKey.Code, unknownKey.Remark));
        Assert.Equal(RocketMQ.Orleans.Protocol.Remoting.ResponseCode.SystemError, unknownType.Code);
        Assert.StartsWith("value is not in set", unknownType.Remark);
        Assert.Equal((RocketMQ.Orleans.Protocol.Remoting.ResponseCode.SystemError, "only add attribute is supported while creating topic. key: message.type"),
            (deleteOnCreate.Code, deleteOnCreate.Remark));
    }

    [Fact]
    public async Task A_transactional_message_is_delivered_only_once_committed_and_a_foreign_or_malformed_id_is_invalid()
    {
        const string topic = "GrpcRawTxTopic";
        const string group = "GID_raw_tx";
        await RouteAsync(topic);
        var sent = await SendAsync(topic, "tx body"u8.ToArray(), transactional: true);
        var entry = Assert.Single(sent.Entries);
        Assert.Equal(Code.Ok, sent.Status.Code);

        Assert.Empty(await ReceiveAsync(topic, group, TimeSpan.FromSeconds(10), longPolling: TimeSpan.FromMilliseconds(300)));
        var wrongTopic = await EndAsync("GrpcOtherTopic", entry, TransactionResolution.Commit);
        var malformed = await EndAsync(topic, new SendResultEntry { MessageId = entry.MessageId, TransactionId = "not-an-id" }, TransactionResolution.Commit);
        var empty = await EndAsync(topic, new SendResultEntry { MessageId = entry.MessageId }, TransactionResolution.Commit);
        var commit = await EndAsync(topic, entry, TransactionResolution.Commit);
        var again = await EndAsync(topic, entry, TransactionResolution.Rollback);

        Assert.Equal((Code.InvalidTransactionId, "The producer group wrong"), (wrongTopic.Status.Code, wrongTopic.Status.Message));
        Assert.Equal(Code.InvalidTransactionId, malformed.Status.Code);
        Assert.Equal(Code.InvalidTransactionId, empty.Status.Code);
        Assert.Equal(Code.Ok, commit.Status.Code);
        Assert.Equal(Code.Ok, again.Status.Code);
        var message = Assert.Single(await ReceiveAsync(topic, group, TimeSpan.FromSeconds(10)));
        Assert.Equal(entry.MessageId, message.SystemProperties.MessageId);
        Assert.Equal(MessageType.Transaction, message.SystemProperties.MessageType);
        Assert.Equal("tx body", message.Body.ToStringUtf8());
        Assert.Empty(message.UserProperties);
    }

    private Task<EndTransactionResponse> EndAsync(string topic, SendResultEntry sent, TransactionResolution resolution) =>
        Client.EndTransactionAsync(new EndTransactionRequest
        {
            Topic = Res(topic),
            MessageId = sent.MessageId,
            TransactionId = sent.TransactionId,
            Resolution = resolution,
            Source = TransactionSource.SourceClient,
        }, GrpcSilo.Headers()).ResponseAsync;

    private async Task RouteAsync(string topic)
    {
        var route = await Client.QueryRouteAsync(new QueryRouteRequest { Topic = Res(topic) }, GrpcSilo.Headers());
        Assert.Equal(Code.Ok, route.Status.Code);
    }

    private async Task<SendMessageResponse> SendAsync(string topic, byte[] body, Digest? digest = null, DateTime? deliveryTimestamp = null,
        string? messageGroup = null, bool transactional = false)
    {
        var system = new SystemProperties
        {
            MessageId = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            BornTimestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            BornHost = "interop-host",
            MessageType = MessageType.Normal,
            BodyEncoding = Encoding.Identity,
            Tag = "TagG",
        };
        if (digest is not null)
        {
            system.BodyDigest = digest;
        }

        if (deliveryTimestamp is { } deliverAt)
        {
            system.DeliveryTimestamp = Timestamp.FromDateTime(deliverAt);
            system.MessageType = MessageType.Delay;
        }

        if (messageGroup is not null)
        {
            system.MessageGroup = messageGroup;
            system.MessageType = MessageType.Fifo;
        }

        if (transactional)
        {
            system.MessageType = MessageType.Transaction;
        }

        return await Client.SendMessageAsync(new SendMessageRequest
        {
            Messages = { new Message { Topic = Res(topic), Body = ByteString.CopyFrom(body), SystemProperties = system } },
        }, GrpcSilo.Headers());
    }

    private async Task<List<Message>> ReceiveAsync(string topic, string group, TimeSpan invisible, TimeSpan? longPolling = null)
    {
        var poll = longPolling ?? TimeSpan.FromSeconds(5);
        using var call = Client.ReceiveMessage(new ReceiveMessageRequest
        {
            Group = Res(group),
            MessageQueue = new MessageQueue { Topic = Res(topic), Id = -1 },
            FilterExpression = new FilterExpression { Type = FilterType.Tag, Expression = "*" },
            BatchSize = 16,
            InvisibleDuration = Duration.FromTimeSpan(invisible),
            LongPollingTimeout = Duration.FromTimeSpan(poll),
        }, GrpcSilo.Headers(), DateTime.UtcNow.Add(poll + Deadline));
        var messages = new List<Message>();
        Status? status = null;
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            switch (response.ContentCase)
            {
                case ReceiveMessageResponse.ContentOneofCase.Status:
                    status = response.Status;
                    break;
                case ReceiveMessageResponse.ContentOneofCase.Message:
                    messages.Add(response.Message);
                    break;
            }
        }

        Assert.NotNull(status);
        Assert.Contains(status.Code, new[] { Code.Ok, Code.MessageNotFound });
        Assert.Equal(status.Code == Code.Ok, messages.Count > 0);
        return messages;
    }
}
