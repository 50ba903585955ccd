using System.Diagnostics;
using Apache.Rocketmq.V2;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>Settings of <c>rmq bench grpc-receive</c>.</summary>
internal sealed record GrpcReceiveBenchSettings(string Endpoint, string Topic, string Group, int Consumers, int BatchSize, TimeSpan Duration, bool Tls, bool Json);

/// <summary>
/// POP consumption over the RocketMQ 5 gRPC endpoint as a SimpleConsumer does it: N consumers, each receiving a batch
/// (long polling 1 s, invisible 30 s) and then acking every message of it, one AckMessage per message (all of a batch
/// in flight together), before receiving again. A message counts once acked; its latency is its batch's receive+ack time.
/// </summary>
internal static class GrpcReceiveBenchmark
{
    public static async Task<BenchResult> RunAsync(GrpcReceiveBenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        using var channel = new GrpcBenchChannel(settings.Endpoint, settings.Tls);
        var topic = new Resource { Name = settings.Topic };
        var group = new Resource { Name = settings.Group };
        var request = new ReceiveMessageRequest
        {
            Group = group,
            MessageQueue = new MessageQueue { Topic = topic, Id = -1, Broker = new Broker { Name = string.Empty } },
            FilterExpression = new FilterExpression { Type = FilterType.Tag, Expression = "*" },
            BatchSize = settings.BatchSize,
            InvisibleDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)),
            AutoRenew = false,
            LongPollingTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
        };

        var histograms = new LatencyHistogram[settings.Consumers];
        var failures = new long[settings.Consumers];
        long acked = 0;
        var startedAt = DateTimeOffset.UtcNow;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task[settings.Consumers];
        for (int i = 0; i < workers.Length; i++)
        {
            int worker = i;
            histograms[worker] = new LatencyHistogram();
            workers[worker] = Task.Run(async () =>
            {
                var histogram = histograms[worker];
                var batch = new List<Message>(settings.BatchSize);
                var acks = new List<Task<AckMessageResponse>>(settings.BatchSize);
                while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < end)
                {
                    long before = Stopwatch.GetTimestamp();
                    try
                    {
                        batch.Clear();
                        using (var call = channel.Client.ReceiveMessage(request, channel.Headers, cancellationToken: cancellationToken))
                        {
                            await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                            {
                                if (response.ContentCase == ReceiveMessageResponse.ContentOneofCase.Message)
                                {
                                    batch.Add(response.Message);
                                }
                            }
                        }

                        acks.Clear();
                        foreach (var message in batch)
                        {
                            acks.Add(channel.Client.AckMessageAsync(new AckMessageRequest
                            {
                                Group = group,
                                Topic = topic,
                                Entries = { new AckMessageEntry { MessageId = message.SystemProperties.MessageId, ReceiptHandle = message.SystemProperties.ReceiptHandle } },
                            }, channel.Headers, cancellationToken: cancellationToken).ResponseAsync);
                        }

                        var responses = await Task.WhenAll(acks).ConfigureAwait(false);
                        var latency = (long)Stopwatch.GetElapsedTime(before).TotalMicroseconds;
                        foreach (var response in responses)
                        {
                            if (response.Status.Code == Code.Ok)
                            {
                                histogram.Record(latency);
                                Interlocked.Increment(ref acked);
                            }
                            else
                            {
                                failures[worker]++;
                            }
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        failures[worker]++;
                    }
                }
            }, CancellationToken.None);
        }

        await ProduceBenchmark.ReportProgressAsync(Task.WhenAll(workers), () => Interlocked.Read(ref acked), start, progress).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var total = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            total.Add(histogram);
        }

        return BenchResult.From("grpc-receive", settings.Topic, settings.Consumers, 0, elapsed, failures.Sum(), total) with
        {
            HeaderEncoding = "protobuf",
            StartedAt = startedAt,
        };
    }
}
