using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using Apache.Rocketmq.V2;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>Settings of <c>rmq bench grpc-produce</c>.</summary>
internal sealed record GrpcProduceBenchSettings(string Endpoint, string Topic, int Threads, int MessageSize, TimeSpan Duration, bool Tls, bool Json) : BenchRunSettings;

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

        // A sender's request is built once and given a new message id and born time per send, as a client fills a new
        // message: the request is serialized before its response arrives, so it is free again once awaited.
        var idle = new ConcurrentBag<SendMessageRequest>();
        SendMessageRequest Request()
        {
            if (!idle.TryTake(out var request))
            {
                request = new SendMessageRequest
                {
                    Messages =
                    {
                        new Message
                        {
                            Topic = topic,
                            Body = body,
                            SystemProperties = new SystemProperties
                            {
                                BodyEncoding = Encoding.Identity,
                                BodyDigest = digest,
                                BornTimestamp = new Timestamp(),
                                BornHost = host,
                                MessageType = MessageType.Normal,
                            },
                        },
                    },
                };
            }

            var system = request.Messages[0].SystemProperties;
            system.MessageId = UniqueKeyGenerator.Create();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            system.BornTimestamp.Seconds = now / 1000;
            system.BornTimestamp.Nanos = (int)(now % 1000) * 1_000_000;
            return request;
        }

        async ValueTask<BenchStep> SendAsync(LatencyHistogram histogram)
        {
            long before = Stopwatch.GetTimestamp();
            var request = Request();
            var response = await channel.Client.SendMessageAsync(request, channel.Headers, cancellationToken: cancellationToken).ConfigureAwait(false);
            idle.Add(request);
            if (response.Status.Code != Code.Ok)
            {
                return new BenchStep(0, 1);
            }

            histogram.Record((long)Stopwatch.GetElapsedTime(before).TotalMicroseconds);
            return new BenchStep(1, 0);
        }

        // One warm-up send opens the HTTP/2 connection outside the measured window.
        await SendAsync(new LatencyHistogram()).ConfigureAwait(false);
        var result = await BenchLoop.RunAsync("grpc-produce", settings.Topic, settings.Threads, settings.MessageSize, settings.WindowOf(settings.Duration), SendAsync, progress,
            cancellationToken).ConfigureAwait(false);
        return result with { HeaderEncoding = "protobuf" };
    }
}
