using RocketMQ.Orleans.Broker.Acl;

namespace RocketMQ.Orleans.Broker.Tests.Acl;

/// <summary>plain_acl.yml as Apache's distribution ships it and as PlainPermissionManager reads it.</summary>
public sealed class PlainAclFileParserTests
{
    /// <summary>Apache 4.9's distribution/conf/plain_acl.yml (comments trimmed).</summary>
    public const string ApacheSample = """
        globalWhiteRemoteAddresses:
          - 10.10.103.*
          - 192.168.0.*

        accounts:
          - accessKey: RocketMQ
            secretKey: 12345678
            whiteRemoteAddress:
            admin: false
            defaultTopicPerm: DENY
            defaultGroupPerm: SUB
            topicPerms:
              - topicA=DENY
              - topicB=PUB|SUB
              - topicC=SUB
            groupPerms:
              # the group should convert to retry topic
              - groupA=DENY
              - groupB=PUB|SUB
              - groupC=SUB

          - accessKey: rocketmq2
            secretKey: 12345678
            whiteRemoteAddress: 192.168.1.*
            # if it is admin, it could access all resources
            admin: true
        """;

    [Fact]
    public void Reads_Apache_sample_file()
    {
        var config = PlainAclFileParser.Parse(ApacheSample);

        Assert.Equal(2, config.GlobalWhiteRemoteAddresses.Length);
        var user = config.Accounts["RocketMQ"];
        Assert.Equal("12345678", user.SecretKey);
        Assert.False(user.Admin);
        Assert.Equal(AclPermission.Deny, user.DefaultTopicPerm);
        Assert.Equal(AclPermission.Sub, user.DefaultGroupPerm);
        Assert.Equal(AclPermission.Deny, user.TopicPerms["topicA"]);
        Assert.Equal(AclPermission.Pub | AclPermission.Sub, user.TopicPerms["topicB"]);
        Assert.Equal(AclPermission.Sub, user.TopicPerms["topicC"]);
        Assert.Equal(AclPermission.Deny, user.GroupPerms["groupA"]);
        Assert.Equal(AclPermission.Sub, user.GroupPerms["groupC"]);
        Assert.Same(RemoteAddressPattern.None, user.WhiteRemoteAddress);

        var admin = config.Accounts["rocketmq2"];
        Assert.True(admin.Admin);
        Assert.Equal(AclPermission.Deny, admin.DefaultTopicPerm);
        Assert.Empty(admin.TopicPerms);
    }

    [Fact]
    public void A_retry_topic_among_topic_perms_is_its_group_and_unknown_perm_words_are_DENY()
    {
        var config = PlainAclFileParser.Parse("""
            accounts:
              - accessKey: account1
                secretKey: secret11
                defaultTopicPerm: PUB
                defaultGroupPerm: READ
                topicPerms: ["%RETRY%g1=SUB|PUB", "t1 = PUB "]
            """);

        var account = config.Accounts["account1"];
        Assert.Equal(AclPermission.Pub | AclPermission.Sub, account.GroupPerms["g1"]);
        Assert.Equal(AclPermission.Pub, account.TopicPerms["t1"]);
        Assert.Equal(AclPermission.Deny, account.DefaultGroupPerm);
    }

    [Fact]
    public void An_access_key_listed_twice_keeps_its_first_account()
    {
        var config = PlainAclFileParser.Parse("""
            accounts:
              - {accessKey: account1, secretKey: first-secret}
              - {accessKey: account1, secretKey: second-secret, admin: true}
            """);

        Assert.Equal("first-secret", Assert.Single(config.Accounts).Value.SecretKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    public void An_empty_file_is_an_empty_configuration(string yaml)
    {
        var config = PlainAclFileParser.Parse(yaml);
        Assert.Empty(config.Accounts);
        Assert.Empty(config.GlobalWhiteRemoteAddresses);
    }

    [Theory]
    [InlineData("accounts:\n  - {accessKey: short, secretKey: long-enough}", "cannot be null and length should longer than 6")]
    [InlineData("accounts:\n  - {accessKey: long-enough, secretKey: 123456}", "secretKey=***")]
    [InlineData("accounts:\n  - {accessKey: long-enough, secretKey: long-enough, topicPerms: [topicA]}", "Parse resource permission failed for topic:topicA")]
    [InlineData("accounts:\n  - {accessKey: long-enough, secretKey: long-enough, whiteRemoteAddress: 1.2.3}", "Netaddress examine Exception netaddress is 1.2.3")]
    [InlineData("accounts: [ {accessKey: x", "Not valid YAML")]
    [InlineData("- just\n- a list", "must be a YAML mapping")]
    public void Rejects_an_unusable_file_with_a_reason(string yaml, string reason)
    {
        var exception = Assert.Throws<AclConfigException>(() => PlainAclFileParser.Parse(yaml));
        Assert.Contains(reason, exception.Message);
    }
}
