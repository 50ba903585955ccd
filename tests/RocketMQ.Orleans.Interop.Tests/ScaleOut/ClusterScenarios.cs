using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.ScaleOut;

/// <summary>
/// The ali-ons scenario scripts pointed at several name servers at once (ali-ons takes an array as nameSrv and
/// rotates through it), unlike <see cref="Scenarios"/>, which targets one silo.
/// </summary>
public static class ClusterScenarios
{
    /// <summary>admin.js sending UPDATE_AND_CREATE_TOPIC to one broker only, then waiting for the topic's route.</summary>
    public static NodeScenario StartCreateTopic(IReadOnlyList<string> nameServers, string brokerAddress, TopicSpec topic, TimeSpan timeout)
    {
        var config = Base(nameServers, timeout);
        config["brokerAddr"] = brokerAddress;
        config["routeTimeoutMs"] = (long)timeout.TotalMilliseconds;
        config["topics"] = new JsonArray(new JsonObject { ["topic"] = topic.Topic, ["queueNums"] = topic.QueueNums, ["perm"] = topic.Perm });
        return NodeScenario.Start("admin.js", config, "admin");
    }

    public static NodeScenario StartProducer(IReadOnlyList<string> nameServers, ProduceOptions options, string name = "producer")
    {
        var config = Base(nameServers, options.Timeout);
        config["topic"] = options.Topic;
        config["producerGroup"] = options.ProducerGroup;
        config["count"] = options.Count;
        config["startSeq"] = options.StartSeq;
        config["concurrency"] = options.Concurrency;
        config["sizes"] = new JsonArray(options.Sizes.Select(s => (JsonNode)s).ToArray());
        config["tags"] = new JsonArray(options.Tags.Select(t => (JsonNode)t).ToArray());
        return NodeScenario.Start("produce.js", config, name);
    }

    public static NodeScenario StartConsumer(IReadOnlyList<string> nameServers, ConsumeOptions options, string name = "consumer")
    {
        var config = Base(nameServers, options.Timeout);
        config["consumerGroup"] = options.ConsumerGroup;
        config["topic"] = options.Topic;
        config["subscription"] = options.Subscription;
        config["consumeFrom"] = options.ConsumeFrom;
        return NodeScenario.Start("consume.js", config, name);
    }

    private static JsonObject Base(IReadOnlyList<string> nameServers, TimeSpan timeout) => new()
    {
        ["nameSrv"] = new JsonArray(nameServers.Select(n => (JsonNode)n).ToArray()),
        ["timeoutMs"] = (long)timeout.TotalMilliseconds,
    };
}
