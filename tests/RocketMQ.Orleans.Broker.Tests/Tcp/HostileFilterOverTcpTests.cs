using System.Text;
using RocketMQ.Orleans.Broker.Filter;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Broker.Tests.Tcp;

/// <summary>
/// A client sends SQL92 expressions built to exhaust the broker (200,000 nested NOTs: before the limits this
/// overflowed the stack and killed the process, with property filtering off too) over a real socket; the broker
/// answers them and a well-behaved producer and consumer keep working on the same broker.
/// </summary>
public sealed class HostileFilterOverTcpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Topic = "HostileT";
    private static readonly string HugeNots = new StringBuilder().Insert(0, "NOT ", 200_000).Append("a = 1").ToString();

    /// <summary>Over the filter's length limit (4 KiB), under the remoting header limit (128 KiB) when sent in a pull header.</summary>
    private static readonly string LongNots = new StringBuilder().Insert(0, "NOT ", 20_000).Append("a = 1").ToString();

    /// <summary>Under the length limit (4 KiB) but 1,000 levels deep.</summary>
    private static readonly string DeepNots = new StringBuilder().Insert(0, "NOT ", 1_000).Append("a = 1").ToString();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hostile_expressions_are_answered_and_a_normal_client_keeps_producing_and_consuming(bool enablePropertyFilter)
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.EnablePropertyFilter = enablePropertyFilter);
        host.CreateTopic(Topic, queueNums: 1);
        await using var server = RemotingServer.CreateBroker(
            new RemotingServerOptions { ListenPort = 0, EnableVipChannel = false, BindAddress = "127.0.0.1" },
            host.Dispatcher, listener: host.Runtime);
        await server.StartAsync();
        string address = $"127.0.0.1:{server.LocalEndPoints[0].Port}";

        await using (var hostile = new RemotingClient())
        {
            foreach (var expression in new[] { HugeNots, LongNots, DeepNots })
            {
                // Apache answers a heartbeat SUCCESS whatever its expressions; the broker must survive compiling it.
                var beat = await hostile.InvokeAsync(address, Heartbeat("HostileGroup", expression), Timeout);
                Assert.Equal(ResponseCode.Success, beat.Code);

                var check = await hostile.InvokeAsync(address, CheckClientConfig("HostileGroup", expression), Timeout);
                if (expression == HugeNots)
                {
                    // 800 KB in a pull's header: over RemotingServerOptions.MaxHeaderLength, so the connection is closed on
                    // the frame's prefix before the expression is read at all (the next call opens a new one).
                    await Assert.ThrowsAsync<RemotingConnectionException>(() => hostile.InvokeAsync(address, SqlPull("HostileGroup", expression), Timeout));
                }

                string reason = expression == DeepNots
                    ? "Expression nests deeper than the 64 levels this broker accepts"
                    : $"Expression is {expression.Length} characters long, more than the 4096 this broker accepts";
                if (enablePropertyFilter)
                {
                    Assert.Equal(ResponseCode.SubscriptionParseFailed, check.Code);
                    Assert.Equal(reason, check.Remark);
                    Assert.Null(host.Runtime.ConsumerFilters.Get(Topic, "HostileGroup"));
                }
                else
                {
                    Assert.Equal(ResponseCode.SystemError, check.Code);
                    Assert.Equal("The broker does not support consumer to filter message by SQL92", check.Remark);
                }

                if (expression == HugeNots)
                {
                    continue;
                }

                var pull = await hostile.InvokeAsync(address, SqlPull("HostileGroup", expression), Timeout);
                if (enablePropertyFilter)
                {
                    Assert.Equal(ResponseCode.SubscriptionParseFailed, pull.Code);
                    Assert.Equal("parse the consumer's subscription failed: " + reason, pull.Remark);
                }
                else
                {
                    Assert.Equal(ResponseCode.SystemError, pull.Code);
                    Assert.Equal("The broker does not support consumer to filter message by SQL92", pull.Remark);
                }
            }

            // Nothing was compiled with filtering off; with it on only the short one's failure is cached (as Apache
            // caches parse failures), never the 800 KB text.
            Assert.Equal(0, host.Runtime.ConsumerFilters.Count);
            Assert.Equal(enablePropertyFilter ? 1 : 0, host.Runtime.ConsumerFilters.Cache.Count);
        }

        await using var normal = new RemotingClient();
        var send = await normal.InvokeAsync(address, RemotingCommand.CreateRequest(RequestCode.SendMessageV2,
            SendMessageRequestHeaderV2.FromV1(BrokerTestHost.SendHeader(Topic, 0, BrokerTestHost.Properties("TagA"))),
            Encoding.UTF8.GetBytes("still here")), Timeout);
        Assert.True(send.Code == ResponseCode.Success, $"{send.Code} {send.Remark}");

        // A long poll: answered once the message is dispatched (a send is acknowledged before that).
        var pulled = await normal.InvokeAsync(address, RemotingCommand.CreateRequest(RequestCode.PullMessage,
            BrokerTestHost.PullHeader(Topic, 0, 0, group: "NormalGroup", subscription: "TagA", suspendTimeoutMillis: 20_000)), Timeout);
        Assert.True(pulled.Code == ResponseCode.Success, $"{pulled.Code} {pulled.Remark}");
        Assert.Equal("still here", Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(pulled)).Body));
    }

    private static SubscriptionData Sql(string expression) =>
        new() { Topic = Topic, SubString = expression, ExpressionType = SubscriptionData.ExpressionTypeSql92, SubVersion = 1 };

    private static RemotingCommand Heartbeat(string group, string expression) =>
        RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: new HeartbeatData
        {
            ClientID = "hostile-client",
            ConsumerDataSet =
            [
                new ConsumerData
                {
                    GroupName = group,
                    ConsumeType = ConsumeType.ConsumePassively,
                    MessageModel = MessageModel.Clustering,
                    SubscriptionDataSet = [Sql(expression)],
                },
            ],
        }.Encode());

    private static RemotingCommand SqlPull(string group, string expression)
    {
        var header = BrokerTestHost.PullHeader(Topic, 0, 0, group: group, subscription: expression);
        header.ExpressionType = SubscriptionData.ExpressionTypeSql92;
        return RemotingCommand.CreateRequest(RequestCode.PullMessage, header);
    }

    private static RemotingCommand CheckClientConfig(string group, string expression) =>
        RemotingCommand.CreateRequest(RequestCode.CheckClientConfig, body: new CheckClientRequestBody
        {
            ClientId = "hostile-client",
            Group = group,
            SubscriptionData = Sql(expression),
        }.Encode());
}
