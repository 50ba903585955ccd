using System.Globalization;
using BenchmarkDotNet.Attributes;
using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Benchmarks.Support;
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

    private readonly BenchmarkDirectory _directory = new("rmq-bench-delay-");
    private MessageStore _plainStore = null!;
    private MessageStore _delayStore = null!;
    private MessageStore _timerStore = null!;
    private MessageToStore[] _plain = null!;
    private MessageToStore[] _delayed = null!;
    private MessageToStore[] _timed = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _plainStore = await BenchmarkStores.OpenAsync(_directory.Sub("plain"));
        _delayStore = await BenchmarkStores.OpenAsync(_directory.Sub("delay"));
        _timerStore = await BenchmarkStores.OpenAsync(_directory.Sub("timer"));
        var body = SampleMessages.Body(1024);
        string plain = SampleMessages.Properties();
        string delayed = plain + MessageConst.PropertySeparator + MessageConst.PropertyDelayTimeLevel + MessageConst.NameValueSeparator + "1";
        long inAnHour = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
        string timed = plain + MessageConst.PropertySeparator + "TIMER_DELIVER_MS" + MessageConst.NameValueSeparator
            + inAnHour.ToString(CultureInfo.InvariantCulture);
        _plain = SampleStoreMessages.PerWriter(Writers, body, plain);
        _delayed = SampleStoreMessages.PerWriter(Writers, body, delayed);
        _timed = SampleStoreMessages.PerWriter(Writers, body, timed);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _plainStore.DisposeAsync();
        await _delayStore.DisposeAsync();
        await _timerStore.DisposeAsync();
        _directory.Delete();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "Plain put")]
    public Task PlainPut() => RunWritersAsync(_plainStore, _plain);

    [Benchmark(OperationsPerInvoke = Messages, Description = "Delayed put (DELAY=1, delivered 1 s later meanwhile)")]
    public Task DelayedPut() => RunWritersAsync(_delayStore, _delayed);

    [Benchmark(OperationsPerInvoke = Messages, Description = "Timed put (TIMER_DELIVER_MS +1 h)")]
    public Task TimedPut() => RunWritersAsync(_timerStore, _timed);

    private static Task RunWritersAsync(MessageStore store, MessageToStore[] messages) =>
        ConcurrentWriters.RepeatAsync(Writers, Messages / Writers, w => store.PutOkAsync(messages[w]));

    private sealed class InProcessMonitoring() : InProcessMonitoringConfig(iterations: 12);
}
