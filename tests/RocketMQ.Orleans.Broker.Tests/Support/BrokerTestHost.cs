using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Tests.Support;

/// <summary>
/// A broker without sockets: a real message store in a temp directory, an in-memory control plane and the
/// dispatcher with every broker processor registered. Requests go through <see cref="RequestDispatcher.Dispatch"/>.
/// </summary>
internal sealed class BrokerTestHost : IAsyncDisposable
{
    public static readonly IPEndPoint StoreHost = new(IPAddress.Parse("192.168.7.9"), 10911);

    private BrokerTestHost(MessageStore store, BrokerRuntime runtime, RequestDispatcher dispatcher, InMemoryTopics topics, InMemoryGroups groups,
        RecordingReporter reporter, string dataPath)
    {
        Store = store;
        Runtime = runtime;
        Dispatcher = dispatcher;
        Topics = topics;
        Groups = groups;
        Reporter = reporter;
        DataPath = dataPath;
    }

    public MessageStore Store { get; }

    public BrokerRuntime Runtime { get; }

    public RequestDispatcher Dispatcher { get; }

    public InMemoryTopics Topics { get; }

    public InMemoryGroups Groups { get; }

    public RecordingReporter Reporter { get; }

    public string DataPath { get; }

    public TestConnection Client { get; } = new();

    public static async Task<BrokerTestHost> StartAsync(Action<BrokerOptions>? configure = null, Action<MessageStoreOptions>? configureStore = null,
        ILoggerFactory? loggerFactory = null)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "rmq-broker-" + Guid.NewGuid().ToString("N"));
        var storeOptions = new MessageStoreOptions
        {
            DataPath = dataPath,
            CommitLogPageSizeBits = 16,
            CommitLogMemorySizeBits = 18,
            CommitLogSegmentSizeBits = 20,
            MaxMessageSize = 32 * 1024,
            MapedFileSizeConsumeQueue = 1000 * 20,
            MaxHashSlotNum = 1000,
            MaxIndexNum = 4000,
            FlushIntervalCommitLog = 50,
            // Retries (DELAY = 3 + reconsume times) and delayed sends wait 100 ms per level here, not Apache's 10 s.
            MessageDelayLevel = string.Join(' ', Enumerable.Repeat("100ms", 18)),
        };
        configureStore?.Invoke(storeOptions);
        var store = await MessageStore.OpenAsync(storeOptions, NullLoggerFactory.Instance);
        var options = new BrokerOptions();
        configure?.Invoke(options);
        var topics = new InMemoryTopics();
        var groups = new InMemoryGroups();
        var reporter = new RecordingReporter();
        var runtime = new BrokerRuntime(store, options, new BrokerIdentity("broker-a", "DefaultCluster", 0, StoreHost), topics, groups, reporter,
            loggerFactory);
        var builder = new RequestDispatcherBuilder();
        runtime.RegisterProcessors(builder);
        return new BrokerTestHost(store, runtime, builder.Build(), topics, groups, reporter, dataPath);
    }

    public void CreateTopic(string topic, int queueNums = 4, int perm = PermName.ReadWrite) =>
        Topics.Put(new BrokerTopicConfig(topic, queueNums, queueNums, perm));

    public Task<RemotingCommand> InvokeAsync(RemotingCommand request, TestConnection? connection = null)
    {
        connection ??= Client;
        var response = connection.Expect(request.Opaque);
        Dispatcher.Dispatch(connection, request);
        return response.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public static SendMessageRequestHeader SendHeader(string topic, int queueId = 0, string? properties = null, int? reconsumeTimes = null) => new()
    {
        ProducerGroup = "PG",
        Topic = topic,
        DefaultTopic = "TBW102",
        DefaultTopicQueueNums = 4,
        QueueId = queueId,
        BornTimestamp = 1_700_000_000_000,
        Properties = properties,
        ReconsumeTimes = reconsumeTimes,
    };

    public static string Properties(string? tags = null, string? keys = null, string? uniqKey = null, params (string Name, string Value)[] extra)
    {
        var map = new List<KeyValuePair<string, string>>();
        if (tags is not null) map.Add(new(MessageConst.PropertyTags, tags));
        if (keys is not null) map.Add(new(MessageConst.PropertyKeys, keys));
        if (uniqKey is not null) map.Add(new(MessageConst.PropertyUniqClientMessageIdKeyidx, uniqKey));
        map.AddRange(extra.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value)));
        return MessageProperties.Encode(map);
    }

    /// <summary>A SEND_MESSAGE_V2 (what ali-ons sends); asserts nothing.</summary>
    public Task<RemotingCommand> SendAsync(SendMessageRequestHeader header, string body, TestConnection? connection = null) =>
        InvokeAsync(RemotingCommand.CreateRequest(RequestCode.SendMessageV2, SendMessageRequestHeaderV2.FromV1(header), Encoding.UTF8.GetBytes(body)), connection);

    public async Task<SendMessageResponseHeader> SendOkAsync(string topic, string body, int queueId = 0, string? tags = null, string? keys = null, string? uniqKey = null)
    {
        var response = await SendAsync(SendHeader(topic, queueId, Properties(tags, keys, uniqKey)), body);
        Assert.True(response.Code == ResponseCode.Success, $"send failed: {response.Code} {response.Remark}");
        return response.ReadHeader<SendMessageResponseHeader>();
    }

    public static PullMessageRequestHeader PullHeader(string topic, int queueId, long offset, string group = "CG", string subscription = "*",
        int sysFlag = 2 | 4, long suspendTimeoutMillis = 0, long commitOffset = 0) => new()
    {
        ConsumerGroup = group,
        Topic = topic,
        QueueId = queueId,
        QueueOffset = offset,
        MaxMsgNums = 32,
        SysFlag = sysFlag,
        CommitOffset = commitOffset,
        SuspendTimeoutMillis = suspendTimeoutMillis,
        Subscription = subscription,
        SubVersion = 0,
    };

    public Task<RemotingCommand> PullAsync(PullMessageRequestHeader header, TestConnection? connection = null) =>
        InvokeAsync(RemotingCommand.CreateRequest(RequestCode.PullMessage, header), connection);

    public static List<MessageExt> Decode(RemotingCommand response) => StoredMessageDecoder.DecodeAll(response.Body.Span);

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
