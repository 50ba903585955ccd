using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FASTER.core;
using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Benchmarks.Support;
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
    private const int GuardChecks = 4_000_000;

    private readonly BenchmarkDirectory _directory = new("rmq-bench-");
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
        _asyncStore = await BenchmarkStores.OpenAsync(_directory.Sub("async"));
        _syncStore = await BenchmarkStores.OpenAsync(_directory.Sub("sync"), options => options.FlushDiskType = FlushDiskType.SyncFlush);

        var properties = SampleMessages.Properties();
        var body = SampleMessages.Body(MessageSize);
        _messages = SampleStoreMessages.PerWriter(Writers, body, properties);

        var header = SampleMessages.StoredHeader();
        var propertiesUtf8 = System.Text.Encoding.UTF8.GetBytes(properties);
        _stored = new byte[StoredMessageEncoder.GetLength(header, body.Length, SampleMessages.TopicUtf8.Length, propertiesUtf8.Length)];
        StoredMessageEncoder.Write(_stored, header, body, SampleMessages.TopicUtf8, propertiesUtf8);

        // FasterLog as it comes: FASTER's own device, the same page and memory sizes as the store's defaults.
        var rawDirectory = _directory.Sub("raw");
        _rawDevice = Devices.CreateLogDevice(Path.Combine(rawDirectory, "log"));
        _rawLog = new FasterLog(new FasterLogSettings
        {
            LogDevice = _rawDevice,
            LogCommitDir = rawDirectory,
            PageSizeBits = _asyncStore.Options.CommitLogPageSizeBits,
            MemorySizeBits = _asyncStore.Options.CommitLogMemorySizeBits,
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _asyncStore.DisposeAsync();
        await _syncStore.DisposeAsync();
        _rawLog.Dispose();
        _rawDevice.Dispose();
        _directory.Delete();
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
    public Task StorePutAsyncFlush() => RunWritersAsync(AsyncMessages, w => _asyncStore.PutOkAsync(_messages[w]));

    [Benchmark(OperationsPerInvoke = SyncMessages, Description = "Store put, SyncFlush (ack after fsync, group commit)")]
    public Task StorePutSyncFlush() => RunWritersAsync(SyncMessages, w => _syncStore.PutOkAsync(_messages[w]));

    /// <summary>
    /// What issue 14's fail-stop work put in front of every put (PutAsync's disk-full and read-only checks), alone, on
    /// the same store in the same run: set against the put's mean, it is the cost the checks add (the A/B a build
    /// without them would give, without the machine's run-to-run noise).
    /// </summary>
    [Benchmark(OperationsPerInvoke = GuardChecks, Description = "The put's fail-stop checks alone (disk full, read-only latch)")]
    public int FailStopChecks()
    {
        var refused = 0;
        for (var i = 0; i < GuardChecks; i++)
        {
            if (_asyncStore.IsDiskFull || _asyncStore.ReadOnlyReason is not null)
            {
                refused++;
            }
        }

        return refused;
    }

    private Task RunWritersAsync(int messages, Func<int, ValueTask> put) => ConcurrentWriters.RepeatAsync(Writers, messages / Writers, put);
}
