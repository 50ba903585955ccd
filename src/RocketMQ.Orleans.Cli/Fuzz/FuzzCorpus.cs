using System.Text;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>Which of the silo's two listeners a frame is meant for.</summary>
internal enum FuzzTarget
{
    Broker,
    NameServer,
}

/// <summary>One valid request the mutations start from.</summary>
internal sealed record FuzzSeedFrame(string Name, FuzzTarget Target, FuzzFrame Frame);

/// <summary>
/// Valid requests as real clients send them, built with the protocol project's typed headers and bodies and encoded in
/// both header encodings (JSON and ROCKETMQ). They name only the fuzzer's own topics and groups (never the good pair's),
/// and no SQL92 subscription (the filter stack is fuzzed by its owners).
/// </summary>
internal static class FuzzCorpus
{
    public const string TopicPrefix = "FuzzT";
    public const string GroupPrefix = "FuzzG";

    public static IReadOnlyList<FuzzSeedFrame> Build(string brokerName)
    {
        var seeds = new List<FuzzSeedFrame>();
        foreach (var type in new[] { SerializeType.Json, SerializeType.RocketMQ })
        {
            for (int i = 0; i < 2; i++)
            {
                string topic = TopicPrefix + i;
                string group = GroupPrefix + i;
                Add(seeds, type, "SEND_MESSAGE_V2", FuzzTarget.Broker, RequestCode.SendMessageV2, SendHeader(topic), Encoding.UTF8.GetBytes("fuzz body " + i));
                Add(seeds, type, "SEND_MESSAGE", FuzzTarget.Broker, RequestCode.SendMessage, SendHeader(topic).ToV1(), Encoding.UTF8.GetBytes("fuzz v1 body"));
                Add(seeds, type, "SEND_BATCH_MESSAGE", FuzzTarget.Broker, RequestCode.SendBatchMessage, SendHeader(topic, batch: true), BatchBody());
                Add(seeds, type, "PULL_MESSAGE", FuzzTarget.Broker, RequestCode.PullMessage, new PullMessageRequestHeader
                {
                    ConsumerGroup = group,
                    Topic = topic,
                    QueueId = i,
                    QueueOffset = 0,
                    MaxMsgNums = 32,
                    SysFlag = i == 0 ? 0b0110 : 0b0010, // queue 0 long-polls (suspend), queue 1 answers at once
                    CommitOffset = 0,
                    SuspendTimeoutMillis = 1000,
                    Subscription = i == 0 ? "*" : "TagA || TagB",
                    SubVersion = 1,
                    ExpressionType = SubscriptionData.ExpressionTypeTag,
                });
                Add(seeds, type, "HEART_BEAT", FuzzTarget.Broker, RequestCode.HeartBeat, header: null, Heartbeat(topic, group, i).Encode());
                Add(seeds, type, "QUERY_CONSUMER_OFFSET", FuzzTarget.Broker, RequestCode.QueryConsumerOffset, new QueryConsumerOffsetRequestHeader { ConsumerGroup = group, Topic = topic, QueueId = i });
                Add(seeds, type, "UPDATE_CONSUMER_OFFSET", FuzzTarget.Broker, RequestCode.UpdateConsumerOffset, new UpdateConsumerOffsetRequestHeader { ConsumerGroup = group, Topic = topic, QueueId = i, CommitOffset = 1 });
                Add(seeds, type, "GET_MAX_OFFSET", FuzzTarget.Broker, RequestCode.GetMaxOffset, new GetMaxOffsetRequestHeader { Topic = topic, QueueId = i });
                Add(seeds, type, "SEARCH_OFFSET_BY_TIMESTAMP", FuzzTarget.Broker, RequestCode.SearchOffsetByTimestamp, new SearchOffsetRequestHeader { Topic = topic, QueueId = i, Timestamp = 1_700_000_000_000 });
                Add(seeds, type, "QUERY_MESSAGE", FuzzTarget.Broker, RequestCode.QueryMessage, new QueryMessageRequestHeader { Topic = topic, Key = "k" + i, MaxNum = 32, BeginTimestamp = 0, EndTimestamp = long.MaxValue });
                Add(seeds, type, "VIEW_MESSAGE_BY_ID", FuzzTarget.Broker, RequestCode.ViewMessageById, new ViewMessageRequestHeader { Offset = 0 });
                Add(seeds, type, "CONSUMER_SEND_MSG_BACK", FuzzTarget.Broker, RequestCode.ConsumerSendMsgBack, new ConsumerSendMsgBackRequestHeader { Offset = 0, Group = group, DelayLevel = 3, OriginTopic = topic, MaxReconsumeTimes = 16 });
                Add(seeds, type, "END_TRANSACTION", FuzzTarget.Broker, RequestCode.EndTransaction, new EndTransactionRequestHeader { ProducerGroup = "FuzzPG", TranStateTableOffset = 0, CommitLogOffset = 0, CommitOrRollback = 8, MsgId = "0A0000010000000000000000" }, oneway: true);
                Add(seeds, type, "GET_CONSUMER_LIST_BY_GROUP", FuzzTarget.Broker, RequestCode.GetConsumerListByGroup, new GetConsumerListByGroupRequestHeader { ConsumerGroup = group });
                Add(seeds, type, "UNREGISTER_CLIENT", FuzzTarget.Broker, RequestCode.UnregisterClient, new UnregisterClientRequestHeader { ClientId = "127.0.0.1@fuzz" + i, ConsumerGroup = group });
                Add(seeds, type, "LOCK_BATCH_MQ", FuzzTarget.Broker, RequestCode.LockBatchMq, header: null, new LockBatchRequestBody
                {
                    ConsumerGroup = group,
                    ClientId = "127.0.0.1@fuzz" + i,
                    MqSet = [new MessageQueue(topic, brokerName, 0), new MessageQueue(topic, brokerName, 1)],
                }.Encode());
                Add(seeds, type, "UPDATE_AND_CREATE_TOPIC", FuzzTarget.Broker, RequestCode.UpdateAndCreateTopic, new CreateTopicRequestHeader
                {
                    Topic = topic,
                    DefaultTopic = "TBW102",
                    ReadQueueNums = 4,
                    WriteQueueNums = 4,
                    Perm = 6,
                    TopicFilterType = "SINGLE_TAG",
                });
                Add(seeds, type, "GET_ROUTEINFO_BY_TOPIC", FuzzTarget.NameServer, RequestCode.GetRouteInfoByTopic, new GetRouteInfoRequestHeader { Topic = topic });
                Add(seeds, type, "GET_KV_CONFIG", FuzzTarget.NameServer, RequestCode.GetKvConfig, new GetKVConfigRequestHeader { Namespace = "ORDER_TOPIC_CONFIG", Key = topic });
                Add(seeds, type, "GET_BROKER_CLUSTER_INFO", FuzzTarget.NameServer, RequestCode.GetBrokerClusterInfo, header: null);
            }
        }

        return seeds;
    }

    private static SendMessageRequestHeaderV2 SendHeader(string topic, bool batch = false) => new()
    {
        A = "FuzzPG",
        B = topic,
        C = "TBW102",
        D = 4,
        E = 0,
        F = 0,
        G = 1_700_000_000_000,
        H = 0,
        I = MessageProperties.Encode([new("KEYS", "k0"), new("TAGS", "TagA"), new("UNIQ_KEY", "0A00000100002A9F0000000000000001"), new("WAIT", "true")]),
        J = 0,
        K = false,
        L = 16,
        M = batch,
    };

    private static byte[] BatchBody() => MessageBatchCodec.Encode(new[]
    {
        BatchMessageEntry.Create(0, Encoding.UTF8.GetBytes("batch-1"), [new("KEYS", "b1")]),
        BatchMessageEntry.Create(0, Encoding.UTF8.GetBytes("batch-2"), [new("KEYS", "b2"), new("TAGS", "TagB")]),
    });

    private static HeartbeatData Heartbeat(string topic, string group, int i) => new()
    {
        ClientID = "127.0.0.1@fuzz" + i,
        ProducerDataSet = [new ProducerData { GroupName = "FuzzPG" }],
        ConsumerDataSet =
        [
            new ConsumerData
            {
                GroupName = group,
                ConsumeType = ConsumeType.ConsumePassively,
                MessageModel = MessageModel.Clustering,
                ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
                SubscriptionDataSet = [new SubscriptionData { Topic = topic, SubString = "TagA || TagB", TagsSet = ["TagA", "TagB"], CodeSet = [2598919, 2598920], SubVersion = 1 }],
            },
        ],
    };

    private static void Add(List<FuzzSeedFrame> seeds, SerializeType type, string name, FuzzTarget target, int code, ICommandHeader? header, byte[]? body = null, bool oneway = false)
    {
        var command = RemotingCommand.CreateRequest(code, body: body ?? default);
        if (header is not null)
        {
            command.WriteHeader(header);
        }

        if (oneway)
        {
            command.MarkOneway();
        }

        command.SerializeType = type;

        // Through the protocol's own codec and back: a seed is exactly what a client's frame decodes to.
        var decoded = RemotingCommandCodec.Decode(RemotingCommandCodec.Encode(command).AsSpan(4));
        seeds.Add(new FuzzSeedFrame($"{name}/{type}", target, FuzzFrame.From(decoded)));
    }
}
