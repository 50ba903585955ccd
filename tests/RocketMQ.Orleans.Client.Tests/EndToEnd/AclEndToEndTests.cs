using System.Collections.Concurrent;
using System.Text;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd;

/// <summary>An in-process silo with ACL on (plain_acl.yml in a temp directory), reached by the .NET client over TCP.</summary>
public sealed class AclSiloFixture : IAsyncLifetime
{
    public const string AdminKey = "admin-key";
    public const string AdminSecret = "admin-secret";
    public const string UserKey = "user-key";
    public const string UserSecret = "user-secret";

    private readonly TempDirectory _aclDirectory = new("rmq-client-acl-");
    private InProcessSilo _silo = null!;

    public string AclFile => Path.Combine(_aclDirectory.Path, "plain_acl.yml");

    public static string AclYaml(string extraUserTopicPerm = "") => $"""
        accounts:
          - accessKey: {AdminKey}
            secretKey: {AdminSecret}
            admin: true
          - accessKey: {UserKey}
            secretKey: {UserSecret}
            defaultTopicPerm: DENY
            defaultGroupPerm: SUB
            topicPerms:
              - AclTopic=PUB|SUB
        {extraUserTopicPerm}
        """;

    public AclConfigStore Acl => (AclConfigStore)_silo.Cluster.Silos[0].ServiceProvider.GetService(typeof(AclConfigStore))!;

    public RocketMQClientOptions ClientOptions(string? accessKey, string? secretKey) => new()
    {
        NameServerAddress = _silo.NameServerAddress,
        ClientIp = Loopback.IP,
        InstanceName = "acl-" + Guid.NewGuid().ToString("N")[..8],
        RequestTimeout = TimeSpan.FromSeconds(10),
        AccessKey = accessKey,
        SecretKey = secretKey,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_aclDirectory.Path);
        await File.WriteAllTextAsync(AclFile, AclYaml());
        _silo = await InProcessSilo.StartAsync(new InProcessSiloOptions
        {
            DataDirectoryPrefix = "rmq-client-acl-data-",
            ConfigureBroker = broker => broker.ConfigureAcl(acl =>
            {
                acl.Enabled = true;
                acl.File = AclFile;
                acl.ReloadDelay = TimeSpan.FromMilliseconds(50);
            }),
        });
        await using var admin = new RocketMQAdmin(ClientOptions(AdminKey, AdminSecret));
        await admin.CreateTopicAsync(new TopicConfig { TopicName = "AclTopic", ReadQueueNums = 2, WriteQueueNums = 2 });
        await admin.CreateTopicAsync(new TopicConfig { TopicName = "ReloadTopic", ReadQueueNums = 2, WriteQueueNums = 2 });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _aclDirectory.Dispose();
    }
}

/// <summary>
/// ACL 1.0 over TCP with the .NET client: a good key produces and consumes; a wrong secret, an unknown key, no key
/// and a non-admin admin call are refused with Apache's SYSTEM_ERROR remarks; a permission added to the file works
/// without a restart.
/// </summary>
public sealed class AclEndToEndTests(AclSiloFixture silo) : IClassFixture<AclSiloFixture>
{
    private const string Exception = "org.apache.rocketmq.acl.common.AclException: ";
    private const string Validate = "org.apache.rocketmq.acl.plain.PlainPermissionManager.validate(PlainPermissionManager.java:";

    private static ProducerOptions Producer => new() { ProducerGroup = "PID_acl", RetryTimesWhenSendFailed = 0 };

    [Fact]
    public async Task A_signed_client_with_permissions_produces_and_consumes()
    {
        await using var producer = new RocketMQProducer(silo.ClientOptions(AclSiloFixture.UserKey, AclSiloFixture.UserSecret), Producer);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SendStatus.SendOk, (await producer.SendAsync(new Message("AclTopic", Encoding.UTF8.GetBytes("acl-" + i)))).Status);
        }

        var received = new ConcurrentDictionary<string, bool>();
        await using var consumer = new RocketMQPushConsumer(silo.ClientOptions(AclSiloFixture.UserKey, AclSiloFixture.UserSecret), new PushConsumerOptions
        {
            ConsumerGroup = "AclGroup",
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        }, (message, _) =>
        {
            received[Encoding.UTF8.GetString(message.Body)] = true;
            return ValueTask.FromResult(ConsumeResult.Success);
        });
        consumer.Subscribe("AclTopic");
        await consumer.StartAsync();

        await Eventually.TrueAsync(() => received.Count == 5, "the 5 messages sent with the user's key are consumed with it", TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(AclSiloFixture.UserKey, "wrong-secret", "Check signature failed for accessKey=user-key, " + Validate + "684)")]
    [InlineData("stranger-key", "stranger-secret", "No acl config for stranger-key, " + Validate + "668)")]
    [InlineData(null, null, "No accessKey is configured, " + Validate + "664)")]
    public async Task Bad_credentials_are_refused_with_Apache_remarks(string? accessKey, string? secretKey, string message)
    {
        await using var producer = new RocketMQProducer(silo.ClientOptions(accessKey, secretKey), Producer);

        var refused = await Assert.ThrowsAsync<RocketMQClientException>(() => producer.SendAsync(new Message("AclTopic", "x"u8.ToArray())));

        Assert.Equal(ResponseCode.SystemError, refused.ResponseCode);
        Assert.Equal(Exception + message, refused.Remark);
    }

    [Fact]
    public async Task An_admin_request_from_a_non_admin_account_is_refused()
    {
        await using var admin = new RocketMQAdmin(silo.ClientOptions(AclSiloFixture.UserKey, AclSiloFixture.UserSecret));

        var refused = await Assert.ThrowsAsync<RocketMQClientException>(() => admin.CreateTopicAsync(new TopicConfig { TopicName = "NotByUser" }));

        Assert.Equal(ResponseCode.SystemError, refused.ResponseCode);
        Assert.Equal(
            Exception + $"Need admin permission for request code={RequestCode.UpdateAndCreateTopic}, but accessKey=user-key is not, " +
            "org.apache.rocketmq.acl.plain.PlainPermissionManager.checkPerm(PlainPermissionManager.java:581)",
            refused.Remark);
    }

    [Fact]
    public async Task A_permission_added_to_the_file_is_granted_without_a_restart()
    {
        await using var producer = new RocketMQProducer(silo.ClientOptions(AclSiloFixture.UserKey, AclSiloFixture.UserSecret), Producer);
        var refused = await Assert.ThrowsAsync<RocketMQClientException>(() => producer.SendAsync(new Message("ReloadTopic", "x"u8.ToArray())));
        Assert.Equal(
            Exception + "No default permission for topic:ReloadTopic, org.apache.rocketmq.acl.plain.PlainPermissionManager.checkPerm(PlainPermissionManager.java:606)",
            refused.Remark);

        await File.WriteAllTextAsync(silo.AclFile, AclSiloFixture.AclYaml("      - ReloadTopic=PUB"));

        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    return (await producer.SendAsync(new Message("ReloadTopic", "y"u8.ToArray()))).Status == SendStatus.SendOk;
                }
                catch (RocketMQClientException exception) when (exception.Remark?.Contains("No default permission") == true)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(20),
            "a send to ReloadTopic succeeds once the file grants PUB on it");
    }
}
