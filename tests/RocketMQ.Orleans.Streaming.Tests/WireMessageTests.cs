using System.Text;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Streaming.Tests.Grains;

namespace RocketMQ.Orleans.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class WireMessageTests(StreamingCluster fixture)
{
    [Fact]
    public async Task Messages_from_a_RocketMQ_producer_reach_grains_raw_and_as_typed_json_keyed_by_KEYS()
    {
        await using var producer = new RocketMQProducer(new RocketMQClientOptions
        {
            NameServerAddress = fixture.NameServerAddress("Silo_1"),
            ClientIp = "127.0.0.1",
            InstanceName = "wire-test",
        }, new ProducerOptions { ProducerGroup = "wire-test" });
        const string key = "sku-42";
        for (int i = 1; i <= 3; i++)
        {
            var body = Encoding.UTF8.GetBytes($$"""{"sku":"{{key}}","price":{{i}}}""");
            var message = new Message(Topics.Wire, body) { Keys = key, Tags = "price" };
            message.Properties["origin"] = "wire";
            await producer.SendAsync(message);
        }

        await Eventually.HoldsAsync(() => Task.FromResult(EventSink.RawOf(Topics.Wire, key).Count >= 3 && EventSink.SeqsOf(Topics.Wire, key + "#typed").Count >= 3),
            TimeSpan.FromSeconds(20), () => $"raw {EventSink.RawOf(Topics.Wire, key).Count}, typed {EventSink.SeqsOf(Topics.Wire, key + "#typed").Count}; " + fixture.DescribeQueues(Topics.Wire) + "; " + RecordingLoggerProvider.Recent());
        var raw = EventSink.RawOf(Topics.Wire, key);
        Assert.All(raw, m =>
        {
            Assert.Equal(Topics.Wire, m.Topic);
            Assert.Equal(key, m.Keys);
            Assert.Equal("price", m.Tags);
            Assert.Equal("wire", m.Properties["origin"]);
            Assert.NotNull(m.UniqueKey);
            Assert.StartsWith("{\"sku\":\"sku-42\"", m.BodyAsString());
        });
        Assert.Equal(new[] { 1, 2, 3 }, EventSink.SeqsOf(Topics.Wire, key + "#typed").Order());
    }
}
