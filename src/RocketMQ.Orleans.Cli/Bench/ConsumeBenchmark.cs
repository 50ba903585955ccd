using System.Diagnostics;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>Settings of <c>rmq bench consume</c>.</summary>
internal sealed record ConsumeBenchSettings(string NameServer, string Topic, string Group, TimeSpan Duration, bool FromFirst, bool Json)
{
    /// <summary>ACL credentials: every request is signed when both are given.</summary>
    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }
}

/// <summary>
/// Apache's benchmark Consumer in .NET: a push consumer that counts messages and records end-to-end latency
/// (receive time minus the message's born timestamp, so only meaningful with producer and consumer on one clock).
/// </summary>
internal static class ConsumeBenchmark
{
    public static async Task<BenchResult> RunAsync(ConsumeBenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var histogram = new LatencyHistogram();
        long received = 0;
        long bytes = 0;
        var gate = new Lock();
        ValueTask<ConsumeResult> OnMessage(Protocol.Messages.MessageExt message, CancellationToken _)
        {
            long latencyMicros = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - message.BornTimestamp) * 1000;
            lock (gate)
            {
                histogram.Record(latencyMicros);
                bytes += message.Body.Length;
            }

            Interlocked.Increment(ref received);
            return ValueTask.FromResult(ConsumeResult.Success);
        }

        var options = new PushConsumerOptions
        {
            ConsumerGroup = settings.Group,
            ConsumeFromWhere = settings.FromFirst ? ConsumeFromWhere.ConsumeFromFirstOffset : ConsumeFromWhere.ConsumeFromLastOffset,
        };
        await using var consumer = new RocketMQPushConsumer(new RocketMQClientOptions { NameServerAddress = settings.NameServer, AccessKey = settings.AccessKey, SecretKey = settings.SecretKey }, options, OnMessage);
        consumer.Subscribe(settings.Topic);
        await consumer.StartAsync(cancellationToken).ConfigureAwait(false);
        progress.WriteLine($"consuming {settings.Topic} as {settings.Group} on {consumer.AssignedQueues.Count} queue(s)");

        var startedAt = DateTimeOffset.UtcNow;
        long start = Stopwatch.GetTimestamp();
        var run = Task.Delay(settings.Duration, cancellationToken).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await ProduceBenchmark.ReportProgressAsync(run, () => Interlocked.Read(ref received), start, progress).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        lock (gate)
        {
            int averageSize = histogram.Count == 0 ? 0 : (int)(bytes / histogram.Count);
            return BenchResult.From("consume", settings.Topic, consumer.AssignedQueues.Count, averageSize, elapsed, 0, histogram) with { StartedAt = startedAt };
        }
    }
}
