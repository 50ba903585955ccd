using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using Apache.Rocketmq.V2;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>Settings of <c>rmq bench grpc-produce</c>.</summary>
internal sealed record GrpcProduceBenchSettings(string Endpoint, string Topic, int Threads, int MessageSize, TimeSpan Duration, bool Tls, bool Json);

/// <summary>
/// <c>rmq bench produce</c> over the RocketMQ 5 gRPC endpoint: N senders, each awaiting its SendMessage before the
/// next, one message per request with what Apache's 5.x clients set (a message id, born time, NORMAL type, CRC32 body
/// digest). The topic is created if missing (the endpoint auto-creates on QueryRoute when the broker allows it).
/// </summary>
internal static class GrpcProduceBenchmark
{
    public static async Task<BenchResult> RunAsync(GrpcProduceBenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        using var channel = new GrpcBenchChannel(settings.Endpoint, settings.Tls);
        var topic = new Resource { Name = settings.Topic };
        var route = await channel.Client.QueryRouteAsync(new QueryRouteRequest { Topic = topic, Endpoints = new Endpoints() }, channel.Headers,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (route.Status.Code != Code.Ok)
        {
            throw new InvalidOperationException($"QueryRoute {settings.Topic}: {route.Status.Code} {route.Status.Message}");
        }

        var bytes = new byte[settings.MessageSize];
        Random.Shared.NextBytes(bytes);
        var body = ByteString.CopyFrom(bytes);
        var digest = new Digest { Type = DigestType.Crc32, Checksum = Crc32.HashToUInt32(bytes).ToString("X8", CultureInfo.InvariantCulture) };
        var host = Environment.MachineName;

        SendMessageRequest Request() => new()
        {
            Messages =
            {
                new Message
                {
                    Topic = topic,
                    Body = body,
                    SystemProperties = new SystemProperties
                    {
                        MessageId = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                        BodyEncoding = Encoding.Identity,
                        BodyDigest = digest,
                        BornTimestamp = Timestamp.FromDateTime(DateTime.UtcNow),
                        BornHost = host,
                        MessageType = MessageType.Normal,
                    },
                },
            },
        };

        async Task<bool> SendAsync()
        {
            var response = await channel.Client.SendMessageAsync(Request(), channel.Headers, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Status.Code == Code.Ok;
        }

        // One warm-up send opens the HTTP/2 connection outside the measured window.
        await SendAsync().ConfigureAwait(false);

        var histograms = new LatencyHistogram[settings.Threads];
        var failures = new long[settings.Threads];
        long sent = 0;
        var startedAt = DateTimeOffset.UtcNow;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task[settings.Threads];
        for (int i = 0; i < workers.Length; i++)
        {
            int worker = i;
            histograms[worker] = new LatencyHistogram();
            workers[worker] = Task.Run(async () =>
            {
                var histogram = histograms[worker];
                while (!cancellationToken.IsCancellationRequested)
                {
                    long before = Stopwatch.GetTimestamp();
                    if (before >= end)
                    {
                        return;
                    }

                    try
                    {
                        if (await SendAsync().ConfigureAwait(false))
                        {
                            histogram.Record((long)Stopwatch.GetElapsedTime(before).TotalMicroseconds);
                            Interlocked.Increment(ref sent);
                        }
                        else
                        {
                            failures[worker]++;
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        failures[worker]++;
                    }
                }
            }, CancellationToken.None);
        }

        await ProduceBenchmark.ReportProgressAsync(Task.WhenAll(workers), () => Interlocked.Read(ref sent), start, progress).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var total = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            total.Add(histogram);
        }

        return BenchResult.From("grpc-produce", settings.Topic, settings.Threads, settings.MessageSize, elapsed, failures.Sum(), total) with
        {
            HeaderEncoding = "protobuf",
            StartedAt = startedAt,
        };
    }
}
