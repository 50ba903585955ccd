using System.Collections.Concurrent;
using System.Net;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Client.Tests.Support;

/// <summary>
/// A name server and broker in one tiny TCP server on an ephemeral port, built on the remoting seam: it answers
/// the few request codes the client tests need from an in-memory store and records every request it receives.
/// A test overrides a code's behaviour with <see cref="Handle"/>.
/// </summary>
internal sealed partial class FakeBroker : IAsyncDisposable, IRequestProcessor
{
    public const string BrokerName = "broker-a";
    public const string ClusterName = "DefaultCluster";

    private readonly RequestExecutor _executor = new(new RequestExecutorOptions { Name = "fake-broker", Concurrency = 4, QueueCapacity = 10_000 });
    private readonly ConcurrentDictionary<int, Func<RemotingCommand, RemotingCommand?>> _overrides = new();
    private readonly ConcurrentDictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Group, string Topic, int QueueId), long> _offsets = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _groupClients = new(StringComparer.Ordinal);
    private RemotingServer? _server;

    private FakeBroker()
    {
    }

    public ConcurrentQueue<RemotingCommand> Requests { get; } = new();

    public FakeStore Store { get; } = new();

    public string Address { get; private set; } = string.Empty;

    public RemotingServer Server => _server!;

    public static async Task<FakeBroker> StartAsync(params string[] topics)
    {
        var broker = new FakeBroker();
        foreach (var topic in topics)
        {
            broker.AddTopic(topic, 4);
        }

        broker.AddTopic("TBW102", 8);
        var dispatcher = new RequestDispatcherBuilder().SetDefault(broker, broker._executor).Build();
        var options = new RemotingServerOptions
        {
            ListenPort = 0,
            BindAddress = "127.0.0.1",
            EnableVipChannel = false,
            ServerSelectorThreads = 1,
            ShutdownTimeout = TimeSpan.FromMilliseconds(200),
        };
        broker._server = RemotingServer.CreateBroker(options, dispatcher);
        await broker._server.StartAsync();
        int port = broker._server.LocalEndPoints[0].Port;
        broker.Address = $"127.0.0.1:{port}";
        broker.Store.StoreHost = new IPEndPoint(IPAddress.Loopback, port);
        return broker;
    }

    public RocketMQClientOptions ClientOptions() => new()
    {
        NameServerAddress = Address,
        ClientIp = "127.0.0.1",
        InstanceName = "test-" + Guid.NewGuid().ToString("N")[..8],
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public void AddTopic(string topic, int queues) => _topics[topic] = queues;

    public bool HasTopic(string topic) => _topics.ContainsKey(topic);

    /// <summary>Answers <paramref name="code"/> with <paramref name="handler"/> (null from it: fall back to the default behaviour).</summary>
    public void Handle(int code, Func<RemotingCommand, RemotingCommand?> handler) => _overrides[code] = handler;

    public List<RemotingCommand> RequestsOf(int code) => [.. Requests.Where(request => request.Code == code)];

    public long CommittedOffset(string group, string topic, int queueId) =>
        _offsets.TryGetValue((group, topic, queueId), out var offset) ? offset : -1;

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (_overrides.TryGetValue(request.Code, out var handler) && handler(request) is { } overridden)
        {
            return ValueTask.FromResult<RemotingCommand?>(overridden);
        }

        if (request.Code == RequestCode.PullMessage)
        {
            return new ValueTask<RemotingCommand?>(PullAsync(request));
        }

        return ValueTask.FromResult(Answer(context, request));
    }

    private RemotingCommand? Answer(RemotingRequestContext context, RemotingCommand request) => request.Code switch
    {
        RequestCode.GetRouteInfoByTopic => Route(request),
        RequestCode.GetBrokerClusterInfo => WithBody(request, Cluster()),
        RequestCode.GetAllTopicListFromNameserver => WithBody(request, new TopicList { Topics = [.. _topics.Keys.Order(StringComparer.Ordinal)] }),
        RequestCode.SendMessageV2 or RequestCode.SendBatchMessage => Send(request),
        RequestCode.PullMessage => Pull(request),
        RequestCode.HeartBeat => Heartbeat(request),
        RequestCode.UnregisterClient => request.CreateResponseTo(ResponseCode.Success),
        RequestCode.GetConsumerListByGroup => ConsumerList(request),
        RequestCode.QueryConsumerOffset => QueryOffset(request),
        RequestCode.UpdateConsumerOffset => UpdateOffset(request),
        RequestCode.GetMaxOffset => MaxOffset(request),
        RequestCode.ConsumerSendMsgBack => request.CreateResponseTo(ResponseCode.Success),
        RequestCode.UpdateAndCreateTopic => CreateTopic(request),
        RequestCode.UpdateAndCreateSubscriptionGroup => request.CreateResponseTo(ResponseCode.Success),
        RequestCode.ViewMessageById => View(request),
        RequestCode.QueryMessage => Query(request),
        _ => request.CreateResponseTo(ResponseCode.RequestCodeNotSupported, $"request type {request.Code} not supported"),
    };

    private static RemotingCommand WithBody<T>(RemotingCommand request, T body)
        where T : IRemotingBody<T>
    {
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body.Encode();
        return response;
    }

    private ClusterInfo Cluster() => new()
    {
        BrokerAddrTable = { [BrokerName] = new BrokerData { Cluster = ClusterName, BrokerName = BrokerName, BrokerAddrs = { [0] = Address } } },
        ClusterAddrTable = { [ClusterName] = [BrokerName] },
    };

    private RemotingCommand Route(RemotingCommand request)
    {
        var topic = request.ReadHeader<GetRouteInfoRequestHeader>().Topic;
        if (!_topics.TryGetValue(topic, out int queues))
        {
            return request.CreateResponseTo(ResponseCode.TopicNotExist, $"No topic route info in name server for the topic: {topic}");
        }

        return WithBody(request, new TopicRouteData
        {
            BrokerDatas = [new BrokerData { Cluster = ClusterName, BrokerName = BrokerName, BrokerAddrs = { [0] = Address } }],
            QueueDatas = [new QueueData { BrokerName = BrokerName, ReadQueueNums = queues, WriteQueueNums = queues, Perm = 6 }],
        });
    }

    private RemotingCommand CreateTopic(RemotingCommand request)
    {
        var header = request.ReadHeader<CreateTopicRequestHeader>();
        AddTopic(header.Topic, header.WriteQueueNums);
        return request.CreateResponseTo(ResponseCode.Success);
    }
}
