using System.Diagnostics;
using Apache.Rocketmq.V2;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>Settings of <c>rmq bench grpc-receive</c>.</summary>
internal sealed record GrpcReceiveBenchSettings(string Endpoint, string Topic, string Group, int Consumers, int BatchSize, TimeSpan Duration, bool Tls, bool Json) : BenchRunSettings;

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

        async ValueTask<BenchStep> ReceiveAndAckAsync(LatencyHistogram histogram)
        {
            long before = Stopwatch.GetTimestamp();
            var batch = new List<Message>(settings.BatchSize);
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

            var acks = new Task<AckMessageResponse>[batch.Count];
            for (var i = 0; i < acks.Length; i++)
            {
                var properties = batch[i].SystemProperties;
                acks[i] = channel.Client.AckMessageAsync(new AckMessageRequest
                {
                    Group = group,
                    Topic = topic,
                    Entries = { new AckMessageEntry { MessageId = properties.MessageId, ReceiptHandle = properties.ReceiptHandle } },
                }, channel.Headers, cancellationToken: cancellationToken).ResponseAsync;
            }

            var responses = await Task.WhenAll(acks).ConfigureAwait(false);
            var latency = (long)Stopwatch.GetElapsedTime(before).TotalMicroseconds;
            var ok = 0;
            foreach (var response in responses)
            {
                if (response.Status.Code == Code.Ok)
                {
                    histogram.Record(latency);
                    ok++;
                }
            }

            return new BenchStep(ok, responses.Length - ok);
        }

        var result = await BenchLoop.RunAsync("grpc-receive", settings.Topic, settings.Consumers, 0, settings.WindowOf(settings.Duration), ReceiveAndAckAsync, progress,
            cancellationToken).ConfigureAwait(false);
        return result with { HeaderEncoding = "protobuf" };
    }
}
