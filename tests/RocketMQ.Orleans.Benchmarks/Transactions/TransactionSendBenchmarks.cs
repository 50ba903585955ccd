using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Broker.Processors.Send;
using RocketMQ.Orleans.Broker.Processors.Transactions;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Benchmarks.Transactions;

/// <summary>
/// Half-message sends against plain sends in the same run, at the processor level over a real store (no sockets):
/// <see cref="PlainSend"/> is SEND_MESSAGE_V2 as any producer sends it; <see cref="HalfSend"/> the same with TRAN_MSG
/// (stored in the half queue); <see cref="HalfSendAndCommit"/> a whole transaction as the client runs it: the half send,
/// then END_TRANSACTION commit (the message re-stored in its topic plus an op). Writers await their own requests.
/// </summary>
[Config(typeof(InProcessMonitoring))]
[MemoryDiagnoser]
public class TransactionSendBenchmarks
{
    private const int MessagesPerWriter = 500;
    private const int Writers = 8;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rmq-bench-tx-" + Guid.NewGuid().ToString("N"));
    private MessageStore _store = null!;
    private BrokerRuntime _runtime = null!;
    private SendMessageProcessor _send = null!;
    private EndTransactionProcessor _end = null!;
    private RemotingRequestContext _context = null!;
    private byte[] _body = null!;
    private string _plainProperties = null!;
    private string _halfProperties = null!;

    [Params(1024)]
    public int MessageSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = await MessageStore.OpenAsync(new MessageStoreOptions { DataPath = _root }, NullLoggerFactory.Instance);
        var topics = new Topics();
        _runtime = new BrokerRuntime(_store, new BrokerOptions(), new BrokerIdentity("bench", "DefaultCluster", 0, SampleMessages.StoreHost), topics, new Groups());
        _send = new SendMessageProcessor(_runtime);
        _end = new EndTransactionProcessor(_runtime);
        _context = new RemotingRequestContext(new NullConnection(), 0);
        _body = SampleMessages.Body(MessageSize);
        _plainProperties = SampleMessages.Properties();
        _halfProperties = MessageProperties.Encode(MessageProperties.Decode(_plainProperties)
            .Append(new(MessageConst.PropertyTransactionPrepared, "true"))
            .Append(new(MessageConst.PropertyProducerGroup, "BenchGroup")));

        // Benchmarks run one after another in one process: warm every path first, so none is measured while the JIT
        // still tiers up code the others share, and give the pool its writers up front: otherwise the first benchmark
        // pays for the thread pool's slow growth on 2 cores (measured: whichever ran first came out 2-4x slower).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Writers * 2), io);
        await PlainSend();
        await HalfSend();
        await HalfSendAndCommit();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _runtime.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerWriter * Writers)]
    public Task PlainSend() => RunWritersAsync(async writer =>
    {
        for (var i = 0; i < MessagesPerWriter; i++)
        {
            Ok(await _send.ProcessRequestAsync(_context, SendRequest(writer, _plainProperties, 0), CancellationToken.None));
        }
    });

    [Benchmark(OperationsPerInvoke = MessagesPerWriter * Writers)]
    public Task HalfSend() => RunWritersAsync(async writer =>
    {
        for (var i = 0; i < MessagesPerWriter; i++)
        {
            Ok(await _send.ProcessRequestAsync(_context, SendRequest(writer, _halfProperties, MessageSysFlag.TransactionPreparedType), CancellationToken.None));
        }
    });

    [Benchmark(OperationsPerInvoke = MessagesPerWriter * Writers)]
    public Task HalfSendAndCommit() => RunWritersAsync(async writer =>
    {
        for (var i = 0; i < MessagesPerWriter; i++)
        {
            var sent = Ok(await _send.ProcessRequestAsync(_context, SendRequest(writer, _halfProperties, MessageSysFlag.TransactionPreparedType), CancellationToken.None));
            var header = sent.ReadHeader<SendMessageResponseHeader>();
            MessageIds.TryParseOffsetMessageId(header.MsgId, out _, out var commitLogOffset);
            var end = RemotingCommand.CreateRequest(RequestCode.EndTransaction, new EndTransactionRequestHeader
            {
                ProducerGroup = "BenchGroup",
                TranStateTableOffset = header.QueueOffset,
                CommitLogOffset = commitLogOffset,
                CommitOrRollback = MessageSysFlag.TransactionCommitType,
                MsgId = header.MsgId,
            });
            Ok(await _end.ProcessRequestAsync(_context, end, CancellationToken.None));
        }
    });

    private static Task RunWritersAsync(Func<int, Task> writer) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => writer(w))));

    private RemotingCommand SendRequest(int writer, string properties, int sysFlag) =>
        RemotingCommand.CreateRequest(RequestCode.SendMessageV2, SendMessageRequestHeaderV2.FromV1(new SendMessageRequestHeader
        {
            ProducerGroup = "BenchGroup",
            Topic = "BenchmarkTopic",
            DefaultTopic = "TBW102",
            DefaultTopicQueueNums = 4,
            QueueId = writer % 4,
            SysFlag = sysFlag,
            BornTimestamp = 1_764_000_000_000,
            Properties = properties,
        }), _body);

    private static RemotingCommand Ok(RemotingCommand? response) =>
        response is { Code: ResponseCode.Success } ok ? ok : throw new InvalidOperationException($"request failed: {response?.Code} {response?.Remark}");

    /// <summary>
    /// In process (no generated project to build while others edit the tree), each invocation a fixed batch of awaited
    /// requests, many iterations because the shared machine is noisy; the three benchmarks interleave in one run.
    /// </summary>
    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(20)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }

    private sealed class Topics : ITopicConfigProvider
    {
        private readonly BrokerTopicConfig _topic = new("BenchmarkTopic", 4, 4, PermName.ReadWrite);

        public ValueTask<BrokerTopicConfig?> GetAsync(string topic) => ValueTask.FromResult(topic == _topic.TopicName ? _topic : null);

        public Task<BrokerTopicConfig?> EnsureOnBrokerAsync(BrokerTopicConfig config) => Task.FromResult<BrokerTopicConfig?>(config);
    }

    private sealed class Groups : ISubscriptionGroupProvider
    {
        public ValueTask<SubscriptionGroupConfig?> GetAsync(string group) => ValueTask.FromResult<SubscriptionGroupConfig?>(new SubscriptionGroupConfig(group));

        public Task<SubscriptionGroupConfig> CreateAsync(SubscriptionGroupConfig config) => Task.FromResult(config);
    }

    private sealed class NullConnection : IRemotingConnection
    {
        public string Id => "benchmark";

        public EndPoint? RemoteEndPoint { get; } = new IPEndPoint(IPAddress.Parse("10.0.0.7"), 53122);

        public EndPoint? LocalEndPoint => null;

        public bool IsActive => true;

        public ValueTask SendAsync(RemotingCommand command) => ValueTask.CompletedTask;

        public Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask InvokeOnewayAsync(RemotingCommand request) => ValueTask.CompletedTask;

        public void Close()
        {
        }
    }
}
