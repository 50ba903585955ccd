using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Broker.Tests.Tcp;

/// <summary>
/// The official Java client 4.9 with an SQL92 subscription, frame by frame as it sends them (built by hand from
/// apache/rocketmq 4.9.8 client sources: MQClientInstance.sendHeartbeatToAllBroker, PullAPIWrapper.pullKernelImpl,
/// DefaultMQPushConsumerImpl.pullMessage): the subscription travels only in the heartbeat, and the pull carries
/// expressionType and subVersion but no subscription (sysFlag without FLAG_SUBSCRIPTION, postSubscriptionWhenPull
/// being false). Before any pull the client checks the broker version it learned from the heartbeat's answer.
/// </summary>
public sealed class JavaClientSql92FrameTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Topic = "JavaSqlT";
    private const string Group = "JavaSqlGroup";

    /// <summary>MQVersion.Version.V4_1_0_SNAPSHOT.ordinal(): PullAPIWrapper refuses SQL92 pulls to older brokers.</summary>
    private const int JavaSql92MinimumBrokerVersion = 232;

    [Fact]
    public async Task A_Java_SQL92_consumer_passes_the_broker_version_check_and_pulls_exactly_the_matching_messages()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.EnablePropertyFilter = true);
        host.CreateTopic(Topic, queueNums: 1);
        await using var server = RemotingServer.CreateBroker(
            new RemotingServerOptions { ListenPort = 0, EnableVipChannel = false, BindAddress = "127.0.0.1" },
            host.Dispatcher, listener: host.Runtime);
        await server.StartAsync();
        string address = $"127.0.0.1:{server.LocalEndPoints[0].Port}";
        for (var i = 0; i < 20; i++)
        {
            var sent = await host.SendAsync(BrokerTestHost.SendHeader(Topic, 0, BrokerTestHost.Properties("TagA", extra: ("a", i.ToString(CultureInfo.InvariantCulture)))), "sql-" + i);
            Assert.Equal(ResponseCode.Success, sent.Code);
        }

        await host.Runtime.Store.WaitForDispatchAsync();
        await using var java = new RemotingClient();
        const long subVersion = 1_733_300_000_000;

        var beat = await java.InvokeAsync(address, JavaHeartbeat(subVersion), Timeout);

        Assert.Equal(ResponseCode.Success, beat.Code);
        // The cause of "delivers nothing": with 0 here the Java client threw before sending a single pull.
        Assert.True(beat.Version >= JavaSql92MinimumBrokerVersion, $"heartbeat answered with version {beat.Version}");

        var received = new List<string>();
        long offset = 0;
        while (offset < 20)
        {
            var pulled = await java.InvokeAsync(address, JavaPull(offset, subVersion), Timeout);
            Assert.True(pulled.Code is ResponseCode.Success or ResponseCode.PullNotFound or ResponseCode.PullRetryImmediately, $"{pulled.Code} {pulled.Remark}");
            if (pulled.Code == ResponseCode.Success)
            {
                received.AddRange(StoredMessageDecoder.DecodeAll(pulled.Body.Span).Select(message => Encoding.UTF8.GetString(message.Body)));
            }

            var next = long.Parse(pulled.GetExtField("nextBeginOffset")!, CultureInfo.InvariantCulture);
            Assert.True(next > offset, $"the pull at {offset} moves on");
            offset = next;
        }

        Assert.Equal(Enumerable.Range(5, 10).Select(i => "sql-" + i), received);
    }

    /// <summary>HEART_BEAT as the 4.9 client writes it: JSON header, JAVA, version V4_9_8, fastjson body.</summary>
    private static RemotingCommand JavaHeartbeat(long subVersion)
    {
        var body = "{\"clientID\":\"127.0.0.1@12345\",\"consumerDataSet\":[{\"consumeFromWhere\":\"CONSUME_FROM_FIRST_OFFSET\","
            + "\"consumeType\":\"CONSUME_PASSIVELY\",\"groupName\":\"" + Group + "\",\"messageModel\":\"CLUSTERING\",\"subscriptionDataSet\":["
            + "{\"classFilterMode\":false,\"codeSet\":[],\"expressionType\":\"SQL92\",\"subString\":\"a BETWEEN 5 AND 14\",\"subVersion\":" + subVersion
            + ",\"tagsSet\":[],\"topic\":\"" + Topic + "\"},"
            + "{\"classFilterMode\":false,\"codeSet\":[],\"expressionType\":\"TAG\",\"subString\":\"*\",\"subVersion\":" + subVersion
            + ",\"tagsSet\":[],\"topic\":\"%RETRY%" + Group + "\"}],\"unitMode\":false}],"
            + "\"producerDataSet\":[{\"groupName\":\"CLIENT_INNER_PRODUCER\"}]}";
        var request = RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: Encoding.UTF8.GetBytes(body));
        request.Version = 409;
        return request;
    }

    /// <summary>PULL_MESSAGE as DefaultMQPushConsumerImpl sends it: sysFlag FLAG_SUSPEND only, no subscription field.</summary>
    private static RemotingCommand JavaPull(long offset, long subVersion)
    {
        var request = RemotingCommand.CreateRequest(RequestCode.PullMessage, new Dictionary<string, string>
        {
            ["consumerGroup"] = Group,
            ["topic"] = Topic,
            ["queueId"] = "0",
            ["queueOffset"] = offset.ToString(CultureInfo.InvariantCulture),
            ["maxMsgNums"] = "32",
            ["sysFlag"] = "2",
            ["commitOffset"] = "0",
            ["suspendTimeoutMillis"] = "1000",
            ["subVersion"] = subVersion.ToString(CultureInfo.InvariantCulture),
            ["expressionType"] = "SQL92",
        });
        request.Version = 409;
        return request;
    }
}
