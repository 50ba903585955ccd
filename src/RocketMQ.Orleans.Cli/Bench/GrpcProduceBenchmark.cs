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

        async ValueTask<BenchStep> SendAsync(LatencyHistogram histogram)
        {
            long before = Stopwatch.GetTimestamp();
            var response = await channel.Client.SendMessageAsync(Request(), channel.Headers, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.Status.Code != Code.Ok)
            {
                return new BenchStep(0, 1);
            }

            histogram.Record((long)Stopwatch.GetElapsedTime(before).TotalMicroseconds);
            return new BenchStep(1, 0);
        }

        // One warm-up send opens the HTTP/2 connection outside the measured window.
        await SendAsync(new LatencyHistogram()).ConfigureAwait(false);
        var result = await BenchLoop.RunAsync("grpc-produce", settings.Topic, settings.Threads, settings.MessageSize, settings.Duration, SendAsync, progress,
            cancellationToken).ConfigureAwait(false);
        return result with { HeaderEncoding = "protobuf" };
    }
}
