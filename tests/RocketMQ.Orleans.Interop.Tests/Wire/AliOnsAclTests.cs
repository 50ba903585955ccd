using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

/// <summary>
/// A silo process with ACL on. ali-ons' default credentials of the scenarios (interop-ak / interop-sk) are the admin
/// account, so admin.js creates topics; acl-user-key may publish and subscribe to every topic but administers nothing.
/// </summary>
public sealed class AclSilo : IAsyncLifetime
{
    public const string UserKey = "acl-user-key";
    public const string UserSecret = "acl-user-secret";

    private readonly string _directory = Directory.CreateTempSubdirectory("rmq-interop-acl-").FullName;
    private SiloFixture? _silo;

    public SiloFixture Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_directory, "plain_acl.yml");
        await File.WriteAllTextAsync(file, $"""
            accounts:
              - accessKey: interop-ak
                secretKey: interop-sk
                admin: true
              - accessKey: {UserKey}
                secretKey: {UserSecret}
                defaultTopicPerm: PUB|SUB
                defaultGroupPerm: SUB
            """);
        _silo = await SiloFixture.StartAsync([new("RocketMQ:Acl:Enabled", "true"), new("RocketMQ:Acl:File", file)]);
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

/// <summary>
/// ali-ons 3.12.0's ACL 1.0 signature (HMAC-SHA1 over its sorted header fields, OnsChannel=ALIYUN among them, plus the
/// body) against the broker over TCP: a good key produces and consumes; a wrong secret and an unknown key are refused
/// with Apache 4.9's remarks.
/// </summary>
[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsAclTests(AclSilo fixture) : IClassFixture<AclSilo>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_signed_ali_ons_producer_and_consumer_with_a_good_key_round_trip()
    {
        var silo = fixture.Silo;
        string topic = Scenarios.UniqueName("AclTopic");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueNums: 2));

        var sent = await Scenarios.ProduceAsync(silo, new ProduceOptions
        {
            Topic = topic,
            Count = 20,
            Sizes = [128, 6000], // 6000 is compressed by ali-ons: the signature covers the compressed body
            AccessKey = AclSilo.UserKey,
            SecretKey = AclSilo.UserSecret,
        }, Generous);

        await using var consumer = Scenarios.StartConsumer(silo, new ConsumeOptions
        {
            ConsumerGroup = Scenarios.UniqueName("CID_acl"),
            Topic = topic,
            ExpectCount = sent.Count,
            AccessKey = AclSilo.UserKey,
            SecretKey = AclSilo.UserSecret,
        });
        await consumer.WaitForExitAsync(Generous);
        Assert.Equal(sent.Count, consumer.Events("message").Select(m => m["seq"]?.ToString()).Distinct().Count());
    }

    [Theory]
    [InlineData(AclSilo.UserKey, "wrong-secret", "Check signature failed for accessKey=acl-user-key, org.apache.rocketmq.acl.plain.PlainPermissionManager.validate(PlainPermissionManager.java:684)")]
    [InlineData("stranger-key", "stranger-secret", "No acl config for stranger-key, org.apache.rocketmq.acl.plain.PlainPermissionManager.validate(PlainPermissionManager.java:668)")]
    [InlineData(AclSilo.UserKey, AclSilo.UserSecret, "Need admin permission for request code=17, but accessKey=acl-user-key is not, org.apache.rocketmq.acl.plain.PlainPermissionManager.checkPerm(PlainPermissionManager.java:581)")]
    public async Task Refused_requests_answer_SYSTEM_ERROR_with_Apache_remarks(string accessKey, string secretKey, string message)
    {
        // ali-ons' admin call surfaces the broker's code and remark as they came (its producer retries code 1 and
        // then reports only "Send [4] times, still failed").
        await using var admin = Scenarios.StartAdmin(fixture.Silo, accessKey, secretKey, new TopicSpec(Scenarios.UniqueName("AclRefused"), QueueNums: 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => admin.WaitForExitAsync(Generous));

        var fatal = Assert.Single(admin.Events("fatal"))["message"]!.GetValue<string>();
        Assert.Equal($"MQClientException (code 1): org.apache.rocketmq.acl.common.AclException: {message}", fatal);
    }

    [Theory]
    [InlineData(AclSilo.UserKey, "wrong-secret")]
    [InlineData("stranger-key", "stranger-secret")]
    public async Task Sends_with_bad_credentials_are_refused(string accessKey, string secretKey)
    {
        var silo = fixture.Silo;
        string topic = Scenarios.UniqueName("AclRefused");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueNums: 1));

        await using var producer = Scenarios.StartProducer(silo, new ProduceOptions { Topic = topic, Count = 1, AccessKey = accessKey, SecretKey = secretKey });
        await producer.WaitForExitAsync(Generous);

        Assert.Empty(producer.SentMessages());
        Assert.Contains("still failed", Assert.Single(producer.SendErrors()));
    }
}
