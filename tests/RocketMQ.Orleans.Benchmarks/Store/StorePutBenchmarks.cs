using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FASTER.core;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Benchmarks.Store;

/// <summary>
/// Store put throughput beside a raw FasterLog append of the same stored bytes, in the same run.
/// Each writer awaits its own put (as a broker connection handler does). The baseline only enqueues and commits
/// once per invocation, so it carries no per-message durability: it is the ceiling, not a peer. The like-for-like
/// peer is FasterLog's own durable append (enqueue, then commit and wait), which waits for a commit per entry as an
/// acknowledged put must.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8, invocationCount: 1)]
[MemoryDiagnoser]
public class StorePutBenchmarks
{
    private const int AsyncMessages = 16_000;
    private const int SyncMessages = 1_600;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rmq-bench-" + Guid.NewGuid().ToString("N"));
    private MessageStore _asyncStore = null!;
    private MessageStore _syncStore = null!;
    private IDevice _rawDevice = null!;
    private FasterLog _rawLog = null!;
    private MessageToStore[] _messages = null!;
    private byte[] _stored = null!;

    [Params(128, 1024)]
    public int MessageSize { get; set; }

    [Params(1, 2, 8, 16)]
    public int Writers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var options = new MessageStoreOptions { DataPath = Path.Combine(_root, "async") };
        _asyncStore = await MessageStore.OpenAsync(options, NullLoggerFactory.Instance);
        _syncStore = await MessageStore.OpenAsync(
            new MessageStoreOptions { DataPath = Path.Combine(_root, "sync"), FlushDiskType = FlushDiskType.SyncFlush },
            NullLoggerFactory.Instance);

        var properties = SampleMessages.Properties();
        var body = SampleMessages.Body(MessageSize);
        _messages = Enumerable.Range(0, Writers).Select(w => new MessageToStore
        {
            Topic = "BenchmarkTopic",
            QueueId = w % 4,
            Body = body,
            PropertiesString = properties,
            BornTimestamp = 1_764_000_000_000,
            BornHost = SampleMessages.BornHost,
            StoreHost = SampleMessages.StoreHost,
        }).ToArray();

        var header = SampleMessages.StoredHeader();
        var propertiesUtf8 = System.Text.Encoding.UTF8.GetBytes(properties);
        _stored = new byte[StoredMessageEncoder.GetLength(header, body.Length, SampleMessages.TopicUtf8.Length, propertiesUtf8.Length)];
        StoredMessageEncoder.Write(_stored, header, body, SampleMessages.TopicUtf8, propertiesUtf8);

        // FasterLog as it comes: FASTER's own device, the same page and memory sizes as the store's defaults.
        var rawDirectory = Path.Combine(_root, "raw");
        _rawDevice = Devices.CreateLogDevice(Path.Combine(rawDirectory, "log"));
        _rawLog = new FasterLog(new FasterLogSettings
        {
            LogDevice = _rawDevice,
            LogCommitDir = rawDirectory,
            PageSizeBits = options.CommitLogPageSizeBits,
            MemorySizeBits = options.CommitLogMemorySizeBits,
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _asyncStore.DisposeAsync();
        await _syncStore.DisposeAsync();
        _rawLog.Dispose();
        _rawDevice.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = AsyncMessages, Description = "Raw FasterLog append (commit per invocation)")]
    public async Task RawFasterLogAppend()
    {
        await RunWritersAsync(AsyncMessages, async writer =>
        {
            if (!_rawLog.TryEnqueue(_stored, out _))
            {
                await _rawLog.EnqueueAsync(_stored);
            }
        });
        await _rawLog.CommitAsync();
    }

    [Benchmark(OperationsPerInvoke = SyncMessages, Description = "Raw FasterLog append + commit per append")]
    public Task RawFasterLogAppendAndCommit() => RunWritersAsync(SyncMessages, async writer =>
    {
        // FasterLog's own durable append: each writer commits and waits; concurrent commits coalesce.
        await _rawLog.EnqueueAsync(_stored);
        await _rawLog.CommitAsync();
    });

    [Benchmark(OperationsPerInvoke = AsyncMessages, Description = "Store put, AsyncFlush (ack after write to OS)")]
    public Task StorePutAsyncFlush() => RunWritersAsync(AsyncMessages, w => PutAsync(_asyncStore, w));

    [Benchmark(OperationsPerInvoke = SyncMessages, Description = "Store put, SyncFlush (ack after fsync, group commit)")]
    public Task StorePutSyncFlush() => RunWritersAsync(SyncMessages, w => PutAsync(_syncStore, w));

    private async ValueTask PutAsync(MessageStore store, int writer)
    {
        var result = await store.PutMessageAsync(_messages[writer]);
        if (result.Status != PutMessageStatus.PutOk)
        {
            throw new InvalidOperationException($"put failed: {result.Status}");
        }
    }

    private Task RunWritersAsync(int messages, Func<int, ValueTask> put)
    {
        var perWriter = messages / Writers;
        return Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await put(w);
            }
        })));
    }
}
