using System.Net;
using System.Text;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Protocol.Acl;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Acl;

/// <summary>
/// Apache 4.9.8's PlainPermissionManager.validate / checkPerm over the request codes PlainAccessValidator.parse maps,
/// with the exact remarks its broker answers.
/// </summary>
public sealed class PlainAccessValidatorTests
{
    private const string Exception = "org.apache.rocketmq.acl.common.AclException: ";
    private const string CheckPerm = "org.apache.rocketmq.acl.plain.PlainPermissionManager.checkPerm(PlainPermissionManager.java:";

    private static readonly IPEndPoint Peer = new(IPAddress.Parse("10.1.1.1"), 40000);

    private static readonly AclConfig Config = PlainAclFileParser.Parse("""
        globalWhiteRemoteAddresses: [192.168.9.*]
        accounts:
          - accessKey: user-key
            secretKey: user-secret
            defaultTopicPerm: DENY
            defaultGroupPerm: SUB
            topicPerms: [topicA=DENY, topicB=PUB|SUB, topicC=SUB, topicP=PUB]
            groupPerms: [groupA=DENY, groupB=PUB|SUB]
          - accessKey: admin-key
            secretKey: admin-secret
            admin: true
          - accessKey: trusted-key
            secretKey: trusted-secret
            whiteRemoteAddress: 10.1.1.*
        """);

    private static readonly PlainAccessValidator Validator = new(() => Config);

    private static RemotingCommand Signed(int code, Dictionary<string, string> fields, string accessKey = "user-key", string secretKey = "user-secret", byte[]? body = null)
    {
        var request = RemotingCommand.CreateRequest(code, new Dictionary<string, string>(fields, StringComparer.Ordinal), body ?? Encoding.UTF8.GetBytes("payload"));
        request.ExtFields![AclFields.AccessKey] = accessKey;
        using var hmac = new AclHmac(secretKey);
        request.ExtFields[AclFields.Signature] = AclSignature.Sign(request.ExtFields, request.Body.Span, hmac);
        return request;
    }

    private static Dictionary<string, string> SendV2(string topic, string group = "PID_x") => new() { ["a"] = group, ["b"] = topic, ["c"] = "TBW102", ["e"] = "1" };

    [Fact]
    public void No_access_key_no_account_and_bad_signature_are_refused_with_Apache_remarks()
    {
        var unsigned = RemotingCommand.CreateRequest(RequestCode.SendMessageV2, SendV2("topicB"));
        Assert.Equal(Exception + "No accessKey is configured, org.apache.rocketmq.acl.plain.PlainPermissionManager.validate(PlainPermissionManager.java:664)",
            Validator.Validate(unsigned, Peer));

        Assert.Equal(Exception + "No acl config for stranger-key, org.apache.rocketmq.acl.plain.PlainPermissionManager.validate(PlainPermissionManager.java:668)",
            Validator.Validate(Signed(RequestCode.SendMessageV2, SendV2("topicB"), "stranger-key"), Peer));

        Assert.Equal(Exception + "Check signature failed for accessKey=user-key, org.apache.rocketmq.acl.plain.PlainPermissionManager.validate(PlainPermissionManager.java:684)",
            Validator.Validate(Signed(RequestCode.SendMessageV2, SendV2("topicB"), secretKey: "wrong-secret"), Peer));

        var tampered = Signed(RequestCode.SendMessageV2, SendV2("topicB"));
        tampered.Body = Encoding.UTF8.GetBytes("payloaD");
        Assert.Contains("Check signature failed", Validator.Validate(tampered, Peer));

        Assert.Null(Validator.Validate(Signed(RequestCode.SendMessageV2, SendV2("topicB")), Peer));
    }

    [Theory]
    [InlineData("topicA", false, "topic:topicA", 611)]
    [InlineData("topicB", true, null, 0)]
    [InlineData("topicC", false, "topic:topicC", 611)]
    [InlineData("topicP", true, null, 0)]
    [InlineData("other", false, "topic:other", 606)]
    [InlineData("RMQ_SYS_TRACE_TOPIC", true, null, 0)]
    public void Send_needs_PUB_on_the_topic(string topic, bool allowed, string? resource, int line)
    {
        foreach (var request in new[]
        {
            Signed(RequestCode.SendMessageV2, SendV2(topic)),
            Signed(RequestCode.SendMessage, new() { ["producerGroup"] = "PID_x", ["topic"] = topic }),
        })
        {
            var remark = Validator.Validate(request, Peer);
            Assert.Equal(allowed ? null : $"{Exception}No default permission for {resource}, {CheckPerm}{line})", remark);
        }
    }

    [Theory]
    [InlineData("topicB", "groupB", null)]
    [InlineData("topicC", "groupB", null)]
    [InlineData("topicC", "groupX", null)] // default group perm SUB
    [InlineData("topicP", "groupB", "topic:topicP, " + CheckPerm + "611)")]
    [InlineData("topicB", "groupA", "group:groupA, " + CheckPerm + "611)")]
    [InlineData("other", "groupB", "topic:other, " + CheckPerm + "606)")]
    [InlineData("%RETRY%groupA", "groupB", "group:groupA, " + CheckPerm + "611)")] // a retry topic is its group
    public void Pull_needs_SUB_on_topic_and_group(string topic, string group, string? refusal)
    {
        var remark = Validator.Validate(Signed(RequestCode.PullMessage, new() { ["consumerGroup"] = group, ["topic"] = topic, ["queueId"] = "0" }), Peer);
        Assert.Equal(refusal is null ? null : $"{Exception}No default permission for {refusal}", remark);
    }

    [Theory]
    [InlineData(RequestCode.PopMessage)]
    [InlineData(RequestCode.AckMessage)]
    [InlineData(RequestCode.PeekMessage)]
    [InlineData(RequestCode.ChangeMessageInvisibleTime)]
    [InlineData(RequestCode.Notification)]
    [InlineData(RequestCode.PollingInfo)]
    public void Pop_codes_need_SUB_on_topic_and_group(int code)
    {
        Dictionary<string, string> Fields(string topic, string group) => new() { ["consumerGroup"] = group, ["topic"] = topic, ["queueId"] = "-1" };

        Assert.Null(Validator.Validate(Signed(code, Fields("topicC", "groupB")), Peer));
        Assert.Contains("topic:topicP", Validator.Validate(Signed(code, Fields("topicP", "groupB")), Peer));
        Assert.Contains("group:groupA", Validator.Validate(Signed(code, Fields("topicC", "groupA")), Peer));
    }

    [Fact]
    public void Batch_ack_needs_SUB_on_every_topic_and_group_of_its_body()
    {
        static byte[] Body(string topic, string group) => new BatchAckMessageRequestBody
        {
            BrokerName = "b",
            Acks = [new BatchAck { ConsumerGroup = "groupB", Topic = "topicC" }, new BatchAck { ConsumerGroup = group, Topic = topic }],
        }.Encode();

        Assert.Null(Validator.Validate(Signed(RequestCode.BatchAckMessage, [], body: Body("topicB", "groupB")), Peer));
        Assert.Contains("topic:topicP", Validator.Validate(Signed(RequestCode.BatchAckMessage, [], body: Body("topicP", "groupB")), Peer));
        Assert.Contains("group:groupA", Validator.Validate(Signed(RequestCode.BatchAckMessage, [], body: Body("topicC", "groupA")), Peer));
    }

    [Fact]
    public void Retry_sends_and_send_backs_need_SUB_on_the_group_named_in_the_request()
    {
        Assert.Null(Validator.Validate(Signed(RequestCode.SendMessageV2, SendV2("%RETRY%anything", "groupB")), Peer));
        Assert.Contains("group:groupA", Validator.Validate(Signed(RequestCode.SendMessageV2, SendV2("%RETRY%groupB", "groupA")), Peer));
        Assert.Null(Validator.Validate(Signed(RequestCode.ConsumerSendMsgBack, new() { ["group"] = "groupB", ["offset"] = "1" }), Peer));
        Assert.Contains("group:groupA", Validator.Validate(Signed(RequestCode.ConsumerSendMsgBack, new() { ["group"] = "groupA", ["offset"] = "1" }), Peer));
    }

    [Fact]
    public void Offsets_consumer_lists_unregister_and_queries_map_as_Apache()
    {
        Assert.Contains("group:groupA", Validator.Validate(Signed(RequestCode.UpdateConsumerOffset, new() { ["consumerGroup"] = "groupA", ["topic"] = "topicB" }), Peer));
        Assert.Contains("topic:topicA", Validator.Validate(Signed(RequestCode.UpdateConsumerOffset, new() { ["consumerGroup"] = "groupB", ["topic"] = "topicA" }), Peer));
        Assert.Contains("group:groupA", Validator.Validate(Signed(RequestCode.GetConsumerListByGroup, new() { ["consumerGroup"] = "groupA" }), Peer));
        Assert.Contains("group:groupA", Validator.Validate(Signed(RequestCode.UnregisterClient, new() { ["clientID"] = "c", ["consumerGroup"] = "groupA" }), Peer));
        Assert.Contains("topic:topicA", Validator.Validate(Signed(RequestCode.QueryMessage, new() { ["topic"] = "topicA", ["key"] = "k" }), Peer));
        Assert.Null(Validator.Validate(Signed(RequestCode.QueryMessage, new() { ["topic"] = "topicC", ["key"] = "k" }), Peer));

        // Codes Apache does not map need a valid signature only.
        Assert.Null(Validator.Validate(Signed(RequestCode.GetMaxOffset, new() { ["topic"] = "topicA", ["queueId"] = "0" }), Peer));
    }

    [Fact]
    public void Heartbeat_needs_SUB_on_each_consumer_group_and_subscribed_topic()
    {
        static byte[] Heartbeat(string group, string topic) => Encoding.UTF8.GetBytes(
            $$"""{"clientID":"c1","consumerDataSet":[{"groupName":"{{group}}","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING","consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","subscriptionDataSet":[{"topic":"{{topic}}","subString":"*","tagsSet":[],"codeSet":[],"subVersion":1}],"unitMode":false}],"producerDataSet":[]}""");

        Assert.Null(Validator.Validate(Signed(RequestCode.HeartBeat, [], body: Heartbeat("groupB", "topicC")), Peer));
        Assert.Contains("group:groupA", Validator.Validate(Signed(RequestCode.HeartBeat, [], body: Heartbeat("groupA", "topicC")), Peer));
        Assert.Contains("topic:topicP", Validator.Validate(Signed(RequestCode.HeartBeat, [], body: Heartbeat("groupB", "topicP")), Peer));
        Assert.StartsWith(Exception, Validator.Validate(Signed(RequestCode.HeartBeat, [], body: "not json"u8.ToArray()), Peer));
    }

    [Theory]
    [InlineData(RequestCode.UpdateAndCreateTopic)]
    [InlineData(RequestCode.UpdateBrokerConfig)]
    [InlineData(RequestCode.DeleteTopicInBroker)]
    [InlineData(RequestCode.UpdateAndCreateSubscriptionGroup)]
    [InlineData(RequestCode.DeleteSubscriptionGroup)]
    public void Admin_codes_need_an_admin_account(int code)
    {
        var fields = new Dictionary<string, string> { ["topic"] = "topicB" };
        Assert.Equal($"{Exception}Need admin permission for request code={code}, but accessKey=user-key is not, {CheckPerm}581)",
            Validator.Validate(Signed(code, fields), Peer));
        Assert.Null(Validator.Validate(Signed(code, fields, "admin-key", "admin-secret"), Peer));
    }

    [Fact]
    public void An_admin_without_resource_perms_may_use_every_topic_and_group()
    {
        Assert.Null(Validator.Validate(Signed(RequestCode.SendMessageV2, SendV2("anything"), "admin-key", "admin-secret"), Peer));
        Assert.Null(Validator.Validate(Signed(RequestCode.PullMessage, new() { ["consumerGroup"] = "any", ["topic"] = "any" }, "admin-key", "admin-secret"), Peer));
    }

    [Fact]
    public void White_addresses_skip_the_checks_that_follow_them()
    {
        // Global white list: no credentials needed at all.
        var unsigned = RemotingCommand.CreateRequest(RequestCode.UpdateAndCreateTopic, new Dictionary<string, string> { ["topic"] = "t" });
        Assert.Null(Validator.Validate(unsigned, new IPEndPoint(IPAddress.Parse("192.168.9.20"), 1)));
        Assert.NotNull(Validator.Validate(unsigned, new IPEndPoint(IPAddress.Parse("192.168.8.20"), 1)));

        // The account's white address: a known access key, then no signature or permission check.
        var unsignedTrusted = RemotingCommand.CreateRequest(RequestCode.UpdateAndCreateTopic, new Dictionary<string, string> { ["topic"] = "t", [AclFields.AccessKey] = "trusted-key" });
        Assert.Null(Validator.Validate(unsignedTrusted, Peer));
        Assert.Contains("Check signature failed", Validator.Validate(unsignedTrusted, new IPEndPoint(IPAddress.Parse("10.2.1.1"), 1)));
    }

    [Fact]
    public void Reads_the_configuration_in_force_at_each_request()
    {
        var current = Config;
        var validator = new PlainAccessValidator(() => current);
        var request = Signed(RequestCode.SendMessageV2, SendV2("other"));
        Assert.NotNull(validator.Validate(request, Peer));

        current = PlainAclFileParser.Parse("accounts: [{accessKey: user-key, secretKey: user-secret, defaultTopicPerm: PUB}]");

        Assert.Null(validator.Validate(request, Peer));
    }
}
