using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Benchmarks.Store;

/// <summary>
/// Store put throughput of delayed messages (DELAY = 1: rewritten to SCHEDULE_TOPIC_XXXX on the put path, re-put to
/// the real topic a second later by the level's deliverer, in the same store while the benchmark runs) and timed ones
/// (TIMER_DELIVER_MS an hour ahead: stored in the timer topic and filed into the wheel) against plain puts, in the same
/// run, each kind on its own store. Writers await their own puts, as broker connection handlers do.
/// </summary>
[Config(typeof(InProcessMonitoring))]
[MemoryDiagnoser]
public class DelaySendBenchmarks
{
    private const int Messages = 16_000;
    private const int Writers = 8;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rmq-bench-delay-" + Guid.NewGuid().ToString("N"));
    private MessageStore _plainStore = null!;
    private MessageStore _delayStore = null!;
    private MessageStore _timerStore = null!;
    private MessageToStore[] _plain = null!;
    private MessageToStore[] _delayed = null!;
    private MessageToStore[] _timed = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _plainStore = await MessageStore.OpenAsync(new MessageStoreOptions { DataPath = Path.Combine(_root, "plain") }, NullLoggerFactory.Instance);
        _delayStore = await MessageStore.OpenAsync(new MessageStoreOptions { DataPath = Path.Combine(_root, "delay") }, NullLoggerFactory.Instance);
        _timerStore = await MessageStore.OpenAsync(new MessageStoreOptions { DataPath = Path.Combine(_root, "timer") }, NullLoggerFactory.Instance);
        var body = SampleMessages.Body(1024);
        string plain = SampleMessages.Properties();
        string delayed = plain + MessageConst.PropertySeparator + MessageConst.PropertyDelayTimeLevel + MessageConst.NameValueSeparator + "1";
        long inAnHour = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
        string timed = plain + MessageConst.PropertySeparator + "TIMER_DELIVER_MS" + MessageConst.NameValueSeparator
            + inAnHour.ToString(CultureInfo.InvariantCulture);
        _plain = Build(body, plain);
        _delayed = Build(body, delayed);
        _timed = Build(body, timed);
    }

    private static MessageToStore[] Build(byte[] body, string properties) => Enumerable.Range(0, Writers).Select(w => new MessageToStore
    {
        Topic = "BenchmarkTopic",
        QueueId = w % 4,
        Body = body,
        PropertiesString = properties,
        BornTimestamp = 1_764_000_000_000,
        BornHost = SampleMessages.BornHost,
        StoreHost = SampleMessages.StoreHost,
    }).ToArray();

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _plainStore.DisposeAsync();
        await _delayStore.DisposeAsync();
        await _timerStore.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "Plain put")]
    public Task PlainPut() => RunWritersAsync(_plainStore, _plain);

    [Benchmark(OperationsPerInvoke = Messages, Description = "Delayed put (DELAY=1, delivered 1 s later meanwhile)")]
    public Task DelayedPut() => RunWritersAsync(_delayStore, _delayed);

    [Benchmark(OperationsPerInvoke = Messages, Description = "Timed put (TIMER_DELIVER_MS +1 h)")]
    public Task TimedPut() => RunWritersAsync(_timerStore, _timed);

    private static Task RunWritersAsync(MessageStore store, MessageToStore[] messages) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < Messages / Writers; i++)
            {
                var result = await store.PutMessageAsync(messages[w]);
                if (result.Status != PutMessageStatus.PutOk)
                    throw new InvalidOperationException($"put failed: {result.Status}");
            }
        })));

    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(12)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
