using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Filter;

/// <summary>SQL92 subscriptions through the broker's PULL_MESSAGE processor (Apache PullMessageProcessor's SQL92 branch).</summary>
public sealed class Sql92PullTests
{
    private const string Sql = SubscriptionData.ExpressionTypeSql92;
    private const string Expression = "a BETWEEN 3 AND 7 AND color = 'red'";

    [Fact]
    public async Task Pull_with_its_expression_returns_exactly_the_matching_messages()
    {
        await using var host = await StartWithMessagesAsync(20);

        var bodies = await PullAllAsync(host, SqlPull(Expression));

        // a = 0..19, color red for even a: 4 and 6 (a between 3 and 7, red).
        Assert.Equal(["m4", "m6"], bodies);
    }

    [Fact]
    public async Task Tags_are_the_TAGS_property()
    {
        await using var host = await StartWithMessagesAsync(6);

        var bodies = await PullAllAsync(host, SqlPull("TAGS IN ('TagB') OR a IS NULL"));

        Assert.Equal(["m1", "m4"], bodies);
    }

    [Fact]
    public async Task An_expression_that_does_not_compile_is_subscription_parse_failed_with_the_parsers_reason()
    {
        await using var host = await StartWithMessagesAsync(1);

        var response = await host.PullAsync(SqlPull("a BETWEEN 3"));

        Assert.Equal(ResponseCode.SubscriptionParseFailed, response.Code);
        Assert.StartsWith("parse the consumer's subscription failed", response.Remark);
        Assert.Contains("Encountered \"<EOF>\" at line 1, column 12.", response.Remark);
    }

    [Fact]
    public async Task Without_enablePropertyFilter_the_broker_refuses_as_apache_does()
    {
        await using var host = await BrokerTestHost.StartAsync();
        host.CreateTopic("TP");

        var response = await host.PullAsync(SqlPull(Expression));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal("The broker does not support consumer to filter message by SQL92", response.Remark);
    }

    [Fact]
    public async Task Without_the_subscription_flag_the_heartbeats_expression_filters()
    {
        await using var host = await StartWithMessagesAsync(20);
        await HeartbeatAsync(host, "color = 'blue' AND a > 15", subVersion: 5);

        var bodies = await PullAllAsync(host, HeartbeatPull(subVersion: 5));

        Assert.Equal(["m17", "m19"], bodies);
    }

    [Fact]
    public async Task A_heartbeat_expression_that_does_not_compile_leaves_no_filter_data()
    {
        await using var host = await StartWithMessagesAsync(1);
        await HeartbeatAsync(host, "a >", subVersion: 5);

        var response = await host.PullAsync(HeartbeatPull(subVersion: 5));

        Assert.Equal(ResponseCode.FilterDataNotExist, response.Code);
        Assert.Equal("The broker's consumer filter data is not exist!Your expression may be wrong!", response.Remark);
    }

    [Fact]
    public async Task A_held_pull_returns_a_matching_message_that_arrives_later()
    {
        await using var host = await StartWithMessagesAsync(0);
        var header = SqlPull("color = 'red'");
        header.SuspendTimeoutMillis = 20_000;

        var pull = host.PullAsync(header);
        Assert.False(pull.IsCompleted);
        var sent = await host.SendAsync(BrokerTestHost.SendHeader("TP", 0, BrokerTestHost.Properties("TagA", extra: ("color", "red"))), "late");
        Assert.Equal(ResponseCode.Success, sent.Code);

        var response = await pull;
        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal("late", System.Text.Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(response)).Body));
    }

    [Fact]
    public async Task A_held_pull_is_not_woken_by_a_message_its_expression_rejects()
    {
        // No periodic re-check during the test: only arrivals can wake the pull.
        await using var host = await BrokerTestHost.StartAsync(options =>
        {
            options.EnablePropertyFilter = true;
            options.PullHoldCheckIntervalMills = 600_000;
        });
        host.CreateTopic("TP");
        var header = SqlPull("color = 'red'");
        header.SuspendTimeoutMillis = 20_000;
        var pull = host.PullAsync(header);
        // Held first: a message stored before the pull is suspended releases it at once, whatever it holds.
        await Eventually.TrueAsync(() => host.Runtime.PullHold.HeldCount == 1, "the pull held");

        Assert.Equal(ResponseCode.Success, (await host.SendAsync(BrokerTestHost.SendHeader("TP", 0, BrokerTestHost.Properties("TagA", extra: ("color", "blue"))), "blue")).Code);
        await host.Store.WaitForDispatchAsync(); // the arrival has been offered to the held pull by now
        Assert.False(pull.IsCompleted, "a blue message woke a pull for red ones");
        Assert.Equal(1, host.Runtime.PullHold.HeldCount);

        Assert.Equal(ResponseCode.Success, (await host.SendAsync(BrokerTestHost.SendHeader("TP", 0, BrokerTestHost.Properties("TagA", extra: ("color", "red"))), "red")).Code);
        var response = await pull;
        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal("red", System.Text.Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(response)).Body));
    }

    [Fact]
    public async Task Tag_subscriptions_are_unaffected()
    {
        await using var host = await StartWithMessagesAsync(6);

        var bodies = await PullAllAsync(host, BrokerTestHost.PullHeader("TP", 0, 0, subscription: "TagA"));

        Assert.Equal(["m0", "m3"], bodies);
    }

    internal static async Task<BrokerTestHost> StartWithMessagesAsync(int count)
    {
        var host = await BrokerTestHost.StartAsync(options => options.EnablePropertyFilter = true);
        host.CreateTopic("TP");
        string[] tags = ["TagA", "TagB", "TagC"];
        for (int i = 0; i < count; i++)
        {
            // Message 4 has no property a at all; the others a = i, red for even i.
            var extra = i == 4 && count <= 6
                ? new[] { ("color", "red") }
                : new[] { ("a", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("color", i % 2 == 0 ? "red" : "blue") };
            var response = await host.SendAsync(BrokerTestHost.SendHeader("TP", 0, BrokerTestHost.Properties(tags[i % 3], extra: extra)), "m" + i);
            Assert.Equal(ResponseCode.Success, response.Code);
        }

        await host.Store.WaitForDispatchAsync();
        return host;
    }

    internal static PullMessageRequestHeader SqlPull(string expression, long offset = 0)
    {
        var header = BrokerTestHost.PullHeader("TP", 0, offset, subscription: expression);
        header.ExpressionType = Sql;
        return header;
    }

    private static PullMessageRequestHeader HeartbeatPull(long subVersion)
    {
        var header = BrokerTestHost.PullHeader("TP", 0, 0, sysFlag: 0);
        header.Subscription = null;
        header.ExpressionType = Sql;
        header.SubVersion = subVersion;
        return header;
    }

    private static async Task HeartbeatAsync(BrokerTestHost host, string expression, long subVersion)
    {
        var heartbeat = new HeartbeatData
        {
            ClientID = "c1",
            ConsumerDataSet =
            [
                new ConsumerData
                {
                    GroupName = "CG",
                    MessageModel = MessageModel.Clustering,
                    SubscriptionDataSet = [new SubscriptionData { Topic = "TP", SubString = expression, ExpressionType = Sql, SubVersion = subVersion }],
                },
            ],
        };
        var response = await host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: heartbeat.Encode()));
        Assert.Equal(ResponseCode.Success, response.Code);
    }

    /// <summary>Pulls from offset 0 until the queue is read to its end; the bodies of what the broker returned.</summary>
    private static async Task<List<string>> PullAllAsync(BrokerTestHost host, PullMessageRequestHeader first)
    {
        var bodies = new List<string>();
        var header = first;
        for (int round = 0; round < 100; round++)
        {
            var response = await host.PullAsync(header);
            if (response.Code == ResponseCode.Success)
            {
                bodies.AddRange(BrokerTestHost.Decode(response).Select(m => System.Text.Encoding.UTF8.GetString(m.Body)));
            }
            else if (response.Code != ResponseCode.PullRetryImmediately)
            {
                Assert.Equal(ResponseCode.PullNotFound, response.Code);
                return bodies;
            }

            var next = response.ReadHeader<PullMessageResponseHeader>().NextBeginOffset;
            header.QueueOffset = next;
        }

        throw new InvalidOperationException("the queue was not read to its end");
    }
}
