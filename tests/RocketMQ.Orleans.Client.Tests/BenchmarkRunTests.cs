using RocketMQ.Orleans.Cli.Bench;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests;

public sealed class BenchmarkRunTests
{
    [Fact]
    public async Task Bench_produce_creates_the_topic_and_counts_every_acknowledged_send()
    {
        await using var broker = await FakeBroker.StartAsync();
        var settings = new ProduceBenchSettings(broker.Address, "BenchTopic", 4, 100, TimeSpan.FromMilliseconds(300), 2, BinaryHeaders: true, Json: true);

        var result = await ProduceBenchmark.RunAsync(settings, TextWriter.Null, CancellationToken.None);

        var create = Assert.Single(broker.RequestsOf(RequestCode.UpdateAndCreateTopic));
        Assert.Equal("2", create.ExtFields!["writeQueueNums"]);
        Assert.True(result.Messages > 0);
        Assert.Equal(0, result.Failures);
        Assert.Equal("rocketmq", result.HeaderEncoding);
        Assert.All(broker.RequestsOf(RequestCode.SendMessageV2), request => Assert.Equal(SerializeType.RocketMQ, request.SerializeType));

        // The warm-up send is stored but not counted.
        long stored = broker.Store.MaxOffset("BenchTopic", 0) + broker.Store.MaxOffset("BenchTopic", 1);
        Assert.Equal(result.Messages + 1, stored);
        Assert.InRange(result.LatencyP50Ms, 0, result.LatencyMaxMs);
        Assert.Contains("\"tps\"", Cli.Output.JsonText.Serialize(result));
    }

    [Fact]
    public async Task Bench_consume_receives_what_was_produced_and_reports_latency()
    {
        await using var broker = await FakeBroker.StartAsync("BenchTopic");
        await using (var producer = new Producer.RocketMQProducer(broker.ClientOptions()))
        {
            for (int i = 0; i < 10; i++)
            {
                await producer.SendAsync("BenchTopic", new byte[64]);
            }
        }

        var settings = new ConsumeBenchSettings(broker.Address, "BenchTopic", "bench-group", TimeSpan.FromMilliseconds(500), FromFirst: true, Json: false);
        var result = await ConsumeBenchmark.RunAsync(settings, TextWriter.Null, CancellationToken.None);

        Assert.Equal(10, result.Messages);
        Assert.Equal(64, result.MessageSize);
        Assert.True(result.LatencyMaxMs >= 0);
    }
}
