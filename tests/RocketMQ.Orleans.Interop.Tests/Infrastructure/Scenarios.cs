using System.Text.Json.Nodes;

namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>Starts the ali-ons scenario scripts against a <see cref="SiloFixture"/>.</summary>
public static class Scenarios
{
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Creates the topics through ali-ons (UPDATE_AND_CREATE_TOPIC to every master in the route of TBW102) and waits
    /// until the name server routes each of them.
    /// </summary>
    public static async Task CreateTopicsAsync(SiloFixture silo, params TopicSpec[] topics)
    {
        var config = Base(silo, AdminTimeout);
        config["routeTimeoutMs"] = 60_000;
        config["topics"] = new JsonArray(topics
            .Select(t => (JsonNode)new JsonObject { ["topic"] = t.Topic, ["queueNums"] = t.QueueNums, ["perm"] = t.Perm })
            .ToArray());
        await using var admin = NodeScenario.Start("admin.js", config, "admin");
        await admin.WaitForExitAsync(AdminTimeout + TimeSpan.FromSeconds(10));
        Assert.Equal(topics.Length, admin.Events("route").Count);
    }

    /// <summary>Starts admin.js creating <paramref name="topics"/> with the given ACL credentials (for refusals; no waiting).</summary>
    public static NodeScenario StartAdmin(SiloFixture silo, string accessKey, string secretKey, params TopicSpec[] topics)
    {
        var config = Base(silo, AdminTimeout);
        config["routeTimeoutMs"] = 10_000;
        config["topics"] = new JsonArray(topics
            .Select(t => (JsonNode)new JsonObject { ["topic"] = t.Topic, ["queueNums"] = t.QueueNums, ["perm"] = t.Perm })
            .ToArray());
        SetCredentials(config, accessKey, secretKey);
        return NodeScenario.Start("admin.js", config, "admin");
    }

    public static NodeScenario StartProducer(SiloFixture silo, ProduceOptions options, string name = "producer")
    {
        var config = Base(silo, options.Timeout);
        config["topic"] = options.Topic;
        config["producerGroup"] = options.ProducerGroup;
        config["count"] = options.Count;
        config["startSeq"] = options.StartSeq;
        config["concurrency"] = options.Concurrency;
        config["sizes"] = new JsonArray(options.Sizes.Select(s => (JsonNode)s).ToArray());
        config["tags"] = new JsonArray(options.Tags.Select(t => (JsonNode)t).ToArray());
        SetCredentials(config, options.AccessKey, options.SecretKey);
        return NodeScenario.Start("produce.js", config, name);
    }

    /// <summary>Runs produce.js to the end and returns the acknowledged sends; any failed send fails the test.</summary>
    public static async Task<IReadOnlyList<SentMessage>> ProduceAsync(SiloFixture silo, ProduceOptions options, TimeSpan timeout)
    {
        await using var producer = StartProducer(silo, options);
        await producer.WaitForExitAsync(timeout);
        Assert.True(producer.SendErrors().Count == 0, "sends failed:\n" + string.Join("\n", producer.SendErrors().Take(10)));
        var sent = producer.SentMessages();
        Assert.Equal(options.Count, sent.Count);
        return sent;
    }

    public static NodeScenario StartConsumer(SiloFixture silo, ConsumeOptions options, string name = "consumer")
    {
        var config = Base(silo, options.Timeout);
        config["consumerGroup"] = options.ConsumerGroup;
        config["topic"] = options.Topic;
        config["subscription"] = options.Subscription;
        config["consumeFrom"] = options.ConsumeFrom;
        config["failFirst"] = options.FailFirst;
        config["alwaysFail"] = options.AlwaysFail;
        if (options.MaxReconsumeTimes is { } max)
        {
            config["maxReconsumeTimes"] = max;
        }

        if (options.ExpectCount is { } expected)
        {
            config["expectCount"] = expected;
        }

        SetCredentials(config, options.AccessKey, options.SecretKey);
        return NodeScenario.Start("consume.js", config, name);
    }

    private static void SetCredentials(JsonObject config, string? accessKey, string? secretKey)
    {
        if (accessKey is not null)
        {
            config["accessKey"] = accessKey;
        }

        if (secretKey is not null)
        {
            config["secretKey"] = secretKey;
        }
    }

    /// <summary>A topic or group name unique to this run; RocketMQ allows letters, digits, '-', '_' and '%'.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid().ToString("N")[..10]}";

    private static JsonObject Base(SiloFixture silo, TimeSpan timeout) => new()
    {
        ["nameSrv"] = silo.NameServerAddress,
        ["timeoutMs"] = (long)timeout.TotalMilliseconds,
    };
}
