using System.Diagnostics;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>Settings of <c>rmq bench produce</c>.</summary>
internal sealed record ProduceBenchSettings(string NameServer, string Topic, int Threads, int MessageSize, TimeSpan Duration, int QueueNums, bool BinaryHeaders, bool Json) : BenchRunSettings
{
    /// <summary>
    /// Senders resume on the network thread (<see cref="ProducerOptions.ContinueOnNetworkThread"/>): a sender only
    /// records a latency and sends again, which never blocks, so the load generator spends its share of the machine on
    /// sending rather than on waking threads.
    /// </summary>
    public bool ContinueOnNetworkThread { get; init; } = true;

    /// <summary>ACL credentials: every send is signed when both are given.</summary>
    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }
}

/// <summary>
/// Apache's benchmark Producer in .NET: N senders, each awaiting its own send before the next (so N requests are in
/// flight), one fixed body, for a fixed time. Creates the topic first if the name server does not know it.
/// </summary>
internal static class ProduceBenchmark
{
    public static async Task<BenchResult> RunAsync(ProduceBenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var clientOptions = new RocketMQClientOptions
        {
            NameServerAddress = settings.NameServer,
            AccessKey = settings.AccessKey,
            SecretKey = settings.SecretKey,
            HeaderSerializeType = settings.BinaryHeaders ? Protocol.Remoting.SerializeType.RocketMQ : Protocol.Remoting.SerializeType.Json,
        };
        await EnsureTopicAsync(clientOptions, settings, progress, cancellationToken).ConfigureAwait(false);

        await using var producer = new RocketMQProducer(clientOptions, new ProducerOptions
        {
            ProducerGroup = "BenchmarkProducerGroup",
            ContinueOnNetworkThread = settings.ContinueOnNetworkThread,
        });
        var body = new byte[settings.MessageSize];
        Random.Shared.NextBytes(body);

        // One warm-up send opens the connection and caches the route outside the measured window.
        await producer.SendAsync(new Message(settings.Topic, body), cancellationToken).ConfigureAwait(false);

        var message = new Message(settings.Topic, body);
        async ValueTask<BenchStep> SendAsync(LatencyHistogram histogram)
        {
            long before = Stopwatch.GetTimestamp();
            await producer.SendAsync(message, cancellationToken).ConfigureAwait(false);
            histogram.Record((long)Stopwatch.GetElapsedTime(before).TotalMicroseconds);
            return new BenchStep(1, 0);
        }

        var result = await BenchLoop.RunAsync("produce", settings.Topic, settings.Threads, settings.MessageSize, settings.WindowOf(settings.Duration), SendAsync, progress,
            cancellationToken).ConfigureAwait(false);
        return result with
        {
            HeaderEncoding = settings.BinaryHeaders ? "rocketmq" : "json",
            Completions = settings.ContinueOnNetworkThread ? "network-thread" : "thread-pool",
        };
    }

    /// <summary>Prints a throughput line every 5 s until <paramref name="done"/> completes.</summary>
    internal static async Task ReportProgressAsync(Task done, Func<long> count, long start, TextWriter progress)
    {
        long previous = 0;
        long previousAt = start;
        while (await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false) != done)
        {
            long now = Stopwatch.GetTimestamp();
            long current = count();
            double seconds = (double)(now - previousAt) / Stopwatch.Frequency;
            progress.WriteLine($"[{Stopwatch.GetElapsedTime(start).TotalSeconds,6:F1}s] total={current} tps={(current - previous) / seconds:F0}");
            previous = current;
            previousAt = now;
        }

        await done.ConfigureAwait(false);
    }

    private static async Task EnsureTopicAsync(RocketMQClientOptions clientOptions, ProduceBenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        await using var admin = new RocketMQAdmin(clientOptions);
        if (await admin.GetTopicRouteAsync(settings.Topic, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var config = new TopicConfig { TopicName = settings.Topic, ReadQueueNums = settings.QueueNums, WriteQueueNums = settings.QueueNums };
        var brokers = await admin.CreateTopicAsync(config, cancellationToken: cancellationToken).ConfigureAwait(false);
        progress.WriteLine($"created topic {settings.Topic} on {string.Join(", ", brokers)}");
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (await admin.GetTopicRouteAsync(settings.Topic, cancellationToken).ConfigureAwait(false) is null)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new RocketMQClientException($"The topic {settings.Topic} was created but has no route after 10 s.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
