using BenchmarkDotNet.Attributes;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Benchmarks.Support;
using RocketMQ.Orleans.Broker.Processors.Send;
using RocketMQ.Orleans.Broker.Processors.Transactions;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

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

    private BenchmarkBroker _broker = null!;
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
        _broker = await BenchmarkBroker.StartAsync("rmq-bench-tx-", "bench", new BrokerOptions(), new BrokerTopicConfig("BenchmarkTopic", 4, 4, PermName.ReadWrite));
        _send = new SendMessageProcessor(_broker.Runtime);
        _end = new EndTransactionProcessor(_broker.Runtime);
        _context = _broker.Context;
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
    public async Task CleanupAsync() => await _broker.DisposeAsync();

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

    private static Task RunWritersAsync(Func<int, Task> writer) => ConcurrentWriters.RunAsync(Writers, writer);

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

    private sealed class InProcessMonitoring() : InProcessMonitoringConfig(iterations: 20);
}
