using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Testing;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

/// <summary>A silo process started with enablePropertyFilter on (Apache's default is off, as the shared silo keeps it).</summary>
public sealed class PropertyFilterSilo : IAsyncLifetime
{
    private SiloFixture? _silo;

    public SiloFixture Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public async Task InitializeAsync() =>
        _silo = await SiloFixture.StartAsync([new("RocketMQ:Broker:EnablePropertyFilter", "true")]);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

/// <summary>
/// ali-ons 3.12.0 subscribing with SQL92 expressions ({ expressionType: 'SQL92', subString }) over TCP; and, on the
/// same silo, the .NET push consumer's SQL92 subscription.
/// </summary>
[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsSqlFilterTests(PropertyFilterSilo fixture) : IClassFixture<PropertyFilterSilo>
{
    private const int QueueCount = 4;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_sql92_subscription_receives_exactly_the_matching_messages()
    {
        var silo = fixture.Silo;
        string topic = Scenarios.UniqueName("SqlFilter");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueCount));

        // 120 messages: seq 0..119 (a user property), tags rotating TagA/TagB/TagC, a non-ASCII label per message;
        // then one trailer per queue that matches too. Each queue is delivered in offset order, so once every trailer
        // has arrived, a message the broker wrongly let through would have arrived as well.
        var mixed = await Scenarios.ProduceAsync(silo, new ProduceOptions { Topic = topic, Count = 120 }, Generous);
        var trailer = await Scenarios.ProduceAsync(silo, new ProduceOptions { Topic = topic, Count = 2 * QueueCount, StartSeq = 200, Tags = ["TagB"] }, Generous);
        Assert.Equal(QueueCount, trailer.Select(s => s.QueueId).Distinct().Count());

        string label5 = mixed.Single(s => s.Seq == 5).UserProperties["label"];
        string expression = $"(seq BETWEEN 30 AND 89 AND TAGS = 'TagA') OR label = '{label5.Replace("'", "''")}' OR seq >= 200";
        var expected = mixed.Concat(trailer)
            .Where(s => (s.Seq is >= 30 and <= 89 && s.Tags == "TagA") || s.Seq == 5 || s.Seq >= 200)
            .Select(s => s.Seq).Order().ToArray();

        await using var consumer = StartConsumer(silo, topic, Scenarios.UniqueName("GID_sql"), expression);
        await consumer.WaitForAsync(_ => consumer.AcknowledgedSeqs().Count >= expected.Length, Generous, $"{expected.Length} matching messages");

        Assert.Equal(expected, consumer.AcknowledgedSeqs().Order());
        // ali-ons does not re-check SQL92 subscriptions: everything the broker returned reached the listener, and the
        // pull responses of the topic carried no more messages than the matching ones.
        Assert.Equal(expected.Length, consumer.Pulls().Where(p => p.Topic == topic).Sum(p => p.Tags.Count));
    }

    [Fact]
    public async Task A_bad_expression_fails_every_pull_with_the_parsers_message()
    {
        var silo = fixture.Silo;
        string topic = Scenarios.UniqueName("SqlBad");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, 1));
        await Scenarios.ProduceAsync(silo, new ProduceOptions { Topic = topic, Count = 3 }, Generous);

        await using var consumer = StartConsumer(silo, topic, Scenarios.UniqueName("GID_sqlbad"), "seq BETWEEN 3");
        var lines = await consumer.WaitForAsync(
            l => l.Any(e => e["event"]?.GetValue<string>() == "error" && e["message"]!.GetValue<string>().Contains("(code 23)")),
            Generous, "a SUBSCRIPTION_PARSE_FAILED pull");

        string message = lines.First(e => e["event"]?.GetValue<string>() == "error" && e["message"]!.GetValue<string>().Contains("(code 23)"))["message"]!.GetValue<string>();
        Assert.Contains("parse the consumer's subscription failed: Encountered \"<EOF>\" at line 1, column 14.", message);
        Assert.Empty(consumer.Deliveries());
    }

    [Fact]
    public async Task The_dotnet_push_consumer_receives_exactly_the_matching_messages()
    {
        var silo = fixture.Silo;
        string topic = Scenarios.UniqueName("SqlDotNet");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, 1));
        var options = new RocketMQClientOptions
        {
            NameServerAddress = silo.NameServerAddress,
            ClientIp = "127.0.0.1",
            InstanceName = "sql-" + Guid.NewGuid().ToString("N")[..8],
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        await using (var producer = new RocketMQProducer(options, new ProducerOptions { ProducerGroup = "PID_sql_dotnet" }))
        {
            for (int i = 0; i < 30; i++)
            {
                var message = new Message(topic, Encoding.UTF8.GetBytes("m" + i)) { Tags = "T" };
                message.Properties["a"] = i.ToString(CultureInfo.InvariantCulture);
                message.Properties["color"] = i % 2 == 0 ? "red" : "blue";
                await producer.SendAsync(message);
            }
        }

        int[] expected = [4, 6, 20, 22, 24, 26, 28];
        var received = new ConcurrentDictionary<int, byte>();
        var consumer = new RocketMQPushConsumer(options, new PushConsumerOptions
        {
            ConsumerGroup = Scenarios.UniqueName("GID_sqlnet"),
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        }, (message, _) =>
        {
            received[int.Parse(message.GetProperty("a")!, CultureInfo.InvariantCulture)] = 0;
            return ValueTask.FromResult(ConsumeResult.Success);
        });
        consumer.SubscribeSql92(topic, "(a BETWEEN 3 AND 7 OR a >= 20) AND color = 'red'");
        await consumer.StartAsync();
        await Eventually.TrueAsync(() => received.Count >= expected.Length, $"{expected.Length} matching messages", Generous);
        // One queue, read in order: once its last match (28) was delivered and the consumer stopped (waiting for its
        // listener calls), anything the broker wrongly let through would have been delivered too.
        await consumer.DisposeAsync();

        Assert.Equal(expected, received.Keys.Order());
    }

    private static NodeScenario StartConsumer(SiloFixture silo, string topic, string group, string expression) =>
        NodeScenario.Start("consume.js", new JsonObject
        {
            ["nameSrv"] = silo.NameServerAddress,
            ["timeoutMs"] = (long)TimeSpan.FromMinutes(3).TotalMilliseconds,
            ["consumerGroup"] = group,
            ["topic"] = topic,
            ["sql92"] = expression,
            ["consumeFrom"] = "first",
        }, "consumer");
}
