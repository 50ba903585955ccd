using System.Text;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Pull;

public sealed class PullSubscriptionTests
{
    [Fact]
    public async Task WithoutTheSubscriptionFlag_TheHeartbeatsSubscriptionFilters()
    {
        await using var host = await BrokerTestHost.StartAsync();
        host.CreateTopic("TP");
        var heartbeat = new HeartbeatData
        {
            ClientID = "c1",
            ConsumerDataSet =
            [
                new ConsumerData
                {
                    GroupName = "CG",
                    MessageModel = MessageModel.Clustering,
                    SubscriptionDataSet = [new SubscriptionData { Topic = "TP", SubString = "TagB", TagsSet = ["TagB"], CodeSet = [JavaHash("TagB")] }],
                },
            ],
        };
        Assert.Equal(ResponseCode.Success, (await host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: heartbeat.Encode()))).Code);
        await host.SendOkAsync("TP", "a", tags: "TagA");
        await host.SendOkAsync("TP", "b", tags: "TagB");
        await host.Store.WaitForDispatchAsync();

        var response = await host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 0, subscription: "*", sysFlag: 0));

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal("b", Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(response)).Body));
    }

    [Fact]
    public async Task WithoutTheSubscriptionFlag_AnUnknownGroupIsSubscriptionNotExist()
    {
        await using var host = await BrokerTestHost.StartAsync();
        host.CreateTopic("TP");

        var response = await host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 0, sysFlag: 0));

        Assert.Equal(ResponseCode.SubscriptionNotExist, response.Code);
        Assert.StartsWith("the consumer's group info not exist", response.Remark);
    }

    [Fact]
    public async Task UnknownGroup_WithAutoCreationOff_IsSubscriptionGroupNotExist()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.AutoCreateSubscriptionGroup = false);
        host.CreateTopic("TP");

        var response = await host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 0, group: "Unknown"));

        Assert.Equal(ResponseCode.SubscriptionGroupNotExist, response.Code);
        Assert.Equal("subscription group [Unknown] does not exist, \nSee http://rocketmq.apache.org/docs/faq/ for further details.", response.Remark);
        Assert.Equal(0, host.Groups.CreateCalls);
    }

    /// <summary>Java's String.hashCode.</summary>
    private static int JavaHash(string text)
    {
        var hash = 0;
        foreach (var ch in text)
        {
            hash = unchecked((31 * hash) + ch);
        }

        return hash;
    }
}

public sealed class ShortPollingTests
{
    [Fact]
    public async Task WithLongPollingOff_APullIsHeldOnlyForTheShortPollingTime()
    {
        await using var host = await BrokerTestHost.StartAsync(options =>
        {
            options.LongPollingEnable = false;
            options.ShortPollingTimeMills = 100;
        });
        host.CreateTopic("TP");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var response = await host.PullAsync(BrokerTestHost.PullHeader("TP", 0, 0, sysFlag: 2 | 4, suspendTimeoutMillis: 20_000));

        Assert.Equal(ResponseCode.PullNotFound, response.Code);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(80), TimeSpan.FromSeconds(10));
    }
}
