using System.Globalization;
using System.Security.Cryptography;
using Encoding = System.Text.Encoding;
using System.Text.Json.Nodes;
using Apache.Rocketmq.V2;
using Grpc.Net.Client;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// ACL on the gRPC endpoint, checked by the broker's plain_acl.yml accounts against Apache's Node.js 5.x client
/// (rocketmq-client-nodejs 1.0.8, whose sessionCredentials sign x-mq-date-time into the authorization header):
/// a good key sends and receives; no key or a wrong secret is UNAUTHORIZED (40100); a key without PUB on the topic
/// or without SUB on the group is FORBIDDEN (40300).
/// </summary>
public sealed class GrpcAclTests : IAsyncLifetime
{
    private const string PublisherOnly = "grpc-pub-only";
    private const string NoGroup = "grpc-no-group";
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(90);
    private readonly string _directory = Directory.CreateTempSubdirectory("rmq-grpc-acl-").FullName;
    private SiloFixture? _silo;
    private int _port;

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_directory, "plain_acl.yml");
        await File.WriteAllTextAsync(file, $"""
            accounts:
              - accessKey: grpc-user-key
                secretKey: grpc-user-secret
                defaultTopicPerm: PUB|SUB
                defaultGroupPerm: SUB
              - accessKey: {PublisherOnly}
                secretKey: grpc-pub-secret
                defaultTopicPerm: DENY
                topicPerms: [GrpcAclTopic=SUB]
                defaultGroupPerm: SUB
              - accessKey: {NoGroup}
                secretKey: grpc-no-group-secret
                defaultTopicPerm: PUB|SUB
                defaultGroupPerm: DENY
            """);
        _port = FreePorts.Next();
        _silo = await SiloFixture.StartAsync([
            new(SiloSettings.GrpcPort, _port.ToString()), new("RocketMQ:Acl:Enabled", "true"), new("RocketMQ:Acl:File", file),
        ]);
        await GrpcSilo.WaitForGrpcAsync(_silo, _port);
    }

    [Fact]
    public async Task A_node_client_with_a_good_key_sends_receives_and_acks()
    {
        const int count = 4;
        await using var scenario = NodeScenario.Start("grpc5.js", Config("grpc-user-key", "grpc-user-secret", count));
        var lines = await scenario.WaitForExitAsync(ScenarioTimeout);
        Assert.Equal(count, lines.Count(l => l["event"]!.GetValue<string>() == "sent"));
        Assert.Equal(Enumerable.Range(0, count),
            lines.Where(l => l["event"]!.GetValue<string>() == "received").Select(l => l["seq"]!.GetValue<int>()).Order());
    }

    [Theory]
    [InlineData(null, null, 40100, 40100)]
    [InlineData("grpc-user-key", "not-the-secret", 40100, 40100)]
    [InlineData("unknown-key", "whatever-secret", 40100, 40100)]
    [InlineData(PublisherOnly, "grpc-pub-secret", 40300, 0)]
    [InlineData(NoGroup, "grpc-no-group-secret", 0, 40300)]
    public async Task Node_clients_without_the_right_credentials_or_permissions_are_refused(string? accessKey, string? secretKey, int sendCode, int receiveCode)
    {
        await using var scenario = NodeScenario.Start("grpc5-refused.js", Config(accessKey, secretKey, 1));
        var steps = (await scenario.WaitForExitAsync(ScenarioTimeout)).Where(l => l["event"]!.GetValue<string>() == "step")
            .ToDictionary(l => l["step"]!.GetValue<string>());
        AssertStep(steps["send"], sendCode);
        AssertStep(steps["receive"], receiveCode);
    }

    /// <summary>
    /// Telemetry's Settings pass the same checks as the calls (Apache's DefaultAuthorizationContextBuilder: PUB on the
    /// publishing topics, SUB on the subscription's group and topics): a refusal is a status alone on the stream. Raw
    /// gRPC from .NET, signed as the 5.x clients sign, so each Settings is checked by itself.
    /// </summary>
    [Theory]
    [InlineData("grpc-user-key", "grpc-user-secret", true, Code.Ok)]
    [InlineData(PublisherOnly, "grpc-pub-secret", true, Code.Forbidden)]
    [InlineData(PublisherOnly, "grpc-pub-secret", false, Code.Ok)]
    [InlineData(NoGroup, "grpc-no-group-secret", false, Code.Forbidden)]
    [InlineData(NoGroup, "grpc-no-group-secret", true, Code.Ok)]
    public async Task Telemetry_settings_are_checked_against_the_accounts_permissions(string accessKey, string secretKey, bool publishing, Code expected)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_port}");
        var client = new MessagingService.MessagingServiceClient(channel);
        var dateTime = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var signature = Convert.ToHexString(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(dateTime)));
        var headers = GrpcSilo.Headers("acl-telemetry");
        headers.Add("x-mq-date-time", dateTime);
        headers.Add("authorization", $"MQv2-HMAC-SHA1 Credential={accessKey}, SignedHeaders=x-mq-date-time, Signature={signature}");
        var topic = new Resource { Name = "GrpcAclTopic" };
        var settings = publishing
            ? new Settings { ClientType = ClientType.Producer, Publishing = new Publishing { Topics = { topic } } }
            : new Settings
            {
                ClientType = ClientType.SimpleConsumer,
                Subscription = new Subscription { Group = new Resource { Name = "GID_grpc_acl" }, Subscriptions = { new SubscriptionEntry { Topic = topic } } },
            };

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = client.Telemetry(headers, cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(new TelemetryCommand { Settings = settings });
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        var reply = call.ResponseStream.Current;
        Assert.Equal(expected, reply.Status.Code);
        Assert.Equal(expected == Code.Ok, reply.CommandCase == TelemetryCommand.CommandOneofCase.Settings);
        await call.RequestStream.CompleteAsync();
    }

    private static void AssertStep(JsonObject step, int expectedCode)
    {
        if (expectedCode == 0)
        {
            Assert.True(step["ok"]!.GetValue<bool>(), step.ToJsonString());
            return;
        }

        Assert.False(step["ok"]!.GetValue<bool>(), step.ToJsonString());
        Assert.True(step["message"]!.GetValue<string>().Contains($"response-code={expectedCode}", StringComparison.Ordinal), step.ToJsonString());
    }

    private JsonObject Config(string? accessKey, string? secretKey, int count)
    {
        var config = new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{_port}",
            ["topic"] = "GrpcAclTopic",
            ["group"] = "GID_grpc_acl",
            ["count"] = count,
            ["unackedSeq"] = -1,
            ["awaitMs"] = 1000,
            ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        };
        if (accessKey is not null)
        {
            config["accessKey"] = accessKey;
            config["secretKey"] = secretKey;
        }

        return config;
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
