using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Transport;
using RocketMQ.Orleans.Testing;
using RocketMQ.Orleans.Testing.Silo;
using BodyGroupConfig = RocketMQ.Orleans.Protocol.Bodies.SubscriptionGroupConfig;

namespace RocketMQ.Orleans.Broker.Tests.Names;

/// <summary>
/// Subscription groups auto-created for names clients choose are capped (Broker:MaxAutoCreatedSubscriptionGroups),
/// proven over TCP against a live in-process silo with a cap of <see cref="Cap"/>: past it a new name is answered as
/// with auto-creation off, while groups that exist and admin-created groups keep working.
/// </summary>
public sealed class AutoCreatedGroupCapOverTcpTests : IAsyncLifetime
{
    private const int Cap = 6;
    private const string Topic = "CapT";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private InProcessSilo _silo = null!;
    private RemotingClient _client = null!;
    private string _broker = null!;

    private IServiceProvider Services => _silo.Cluster.Silos[0].SiloHost.Services;

    private BrokerRuntime Runtime => Services.GetServices<IHostedService>().OfType<BrokerRemotingHost>().Single().Runtime!;

    public async Task InitializeAsync()
    {
        _silo = await InProcessSilo.StartAsync(new InProcessSiloOptions
        {
            DataDirectoryPrefix = "rmq-group-cap-",
            ConfigureBroker = broker => broker.ConfigureBroker(options =>
            {
                options.MaxAutoCreatedSubscriptionGroups = Cap;
                options.EnablePropertyFilter = true;
            }),
        });
        _broker = $"{Loopback.IP}:{_silo.Ports.Listen}";
        _client = new RemotingClient();
        await ExpectAsync(ResponseCode.Success, AdminCommands.CreateTopic(Topic, queues: 1));
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task Heartbeat_past_the_cap_is_refused_while_existing_and_admin_created_groups_keep_working()
    {
        var counter = _silo.Cluster.Client.GetGrain<IAutoCreatedGroupsGrain>(0);
        var before = await counter.GetCountAsync();
        Assert.True(before < Cap - 1, $"{before} groups were auto-created before the test");

        // A normal consumer group, auto-created while there is room, as a client's first heartbeat does.
        await ExpectAsync(ResponseCode.Success, Heartbeats.Consumer("CapPair", Topic));
        var names = Enumerable.Range(0, Cap - before - 1).Select(_ => RandomGroup()).ToList();
        foreach (var name in names)
        {
            await ExpectAsync(ResponseCode.Success, Heartbeats.Consumer(name, Topic));
        }

        Assert.Equal(Cap, await counter.GetCountAsync());

        // The (N+1)th new name: refused as Apache refuses a pull of a group that does not exist.
        var refused = RandomGroup();
        var remark = $"subscription group [{refused}] does not exist, \nSee http://rocketmq.apache.org/docs/faq/ for further details.";
        var beat = await ExpectAsync(ResponseCode.SubscriptionGroupNotExist, Heartbeats.Consumer(refused, Topic));
        Assert.Equal(remark, beat.Remark);
        var pull = await ExpectAsync(ResponseCode.SubscriptionGroupNotExist, Pull(refused, 0));
        Assert.Equal(remark, pull.Remark);
        Assert.Null(await _silo.Cluster.Client.GetGrain<IConsumerGroupGrain>(refused).GetConfigAsync());
        Assert.Null(Runtime.ConsumerManager.GetConsumerGroupInfo(refused));
        Assert.Equal(Cap, await counter.GetCountAsync());

        // The normal pair still works: a send, then the auto-created group pulls it.
        await ExpectAsync(ResponseCode.Success, Send("still served"));
        var pulled = await ExpectAsync(ResponseCode.Success, Pull("CapPair", 0));
        Assert.Equal("still served", Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(pulled)).Body));

        // An admin-created group is not limited by the cap, and is not counted.
        var create = RemotingCommand.CreateRequest(RequestCode.UpdateAndCreateSubscriptionGroup, body: new BodyGroupConfig { GroupName = "CapAdmin" }.Encode());
        await ExpectAsync(ResponseCode.Success, create);
        await ExpectAsync(ResponseCode.Success, Heartbeats.Consumer("CapAdmin", Topic));
        pulled = await ExpectAsync(ResponseCode.Success, Pull("CapAdmin", 0));
        Assert.Equal("still served", Encoding.UTF8.GetString(Assert.Single(BrokerTestHost.Decode(pulled)).Body));
        Assert.Equal(Cap, await counter.GetCountAsync());

        // Deleting an auto-created group gives its place back: the refused name now gets in.
        await ExpectAsync(ResponseCode.Success, AdminCommands.Fields(RequestCode.DeleteSubscriptionGroup, ("groupName", names[0])));
        Assert.Equal(Cap - 1, await counter.GetCountAsync());
        await ExpectAsync(ResponseCode.Success, Heartbeats.Consumer(refused, Topic));
        Assert.Equal(Cap, await counter.GetCountAsync());
    }

    [Fact]
    public async Task Admin_update_of_an_auto_created_group_takes_it_out_of_the_count()
    {
        var counter = _silo.Cluster.Client.GetGrain<IAutoCreatedGroupsGrain>(0);
        var before = await counter.GetCountAsync();
        var group = RandomGroup();
        await ExpectAsync(ResponseCode.Success, Heartbeats.Consumer(group, Topic));
        Assert.Equal(before + 1, await counter.GetCountAsync());

        var update = RemotingCommand.CreateRequest(RequestCode.UpdateAndCreateSubscriptionGroup,
            body: new BodyGroupConfig { GroupName = group, RetryMaxTimes = 3 }.Encode());
        await ExpectAsync(ResponseCode.Success, update);

        Assert.Equal(before, await counter.GetCountAsync());
        Assert.Equal(3, (await _silo.Cluster.Client.GetGrain<IConsumerGroupGrain>(group).GetConfigAsync())!.RetryMaxTimes);
    }

    [Fact]
    public async Task When_a_group_s_last_consumer_disconnects_its_consumer_entry_filter_and_held_pull_go()
    {
        var runtime = Runtime;
        var queuesHeld = runtime.PullHold.QueueCount;
        const string group = "CapLeaver";
        await using (var consumer = new RemotingClient())
        {
            var beat = await consumer.InvokeAsync(_broker, SqlHeartbeat(group), Timeout);
            Assert.True(beat.Code == ResponseCode.Success, $"{beat.Code} {beat.Remark}");
            Assert.NotNull(runtime.ConsumerManager.GetConsumerGroupInfo(group));
            Assert.NotNull(runtime.ConsumerFilters.Get(Topic, group));

            // A long poll past the end of the queue: held until a message arrives or the connection goes.
            var header = BrokerTestHost.PullHeader(Topic, 0, runtime.Store.GetMaxOffsetInQueue(Topic, 0), group: group,
                subscription: "a = 1", suspendTimeoutMillis: 25_000);
            header.ExpressionType = SubscriptionData.ExpressionTypeSql92;
            _ = consumer.InvokeAsync(_broker, RemotingCommand.CreateRequest(RequestCode.PullMessage, header), Timeout);
            await Eventually.TrueAsync(() => runtime.PullHold.HeldCount == 1, "the long poll is not held");
        }

        await Eventually.TrueAsync(() => runtime.ConsumerManager.GetConsumerGroupInfo(group) is null, "the consumer entry stayed");
        await Eventually.TrueAsync(() => runtime.ConsumerFilters.Get(Topic, group) is null, "the SQL92 filter stayed");
        await Eventually.TrueAsync(() => runtime.PullHold.HeldCount == 0, "the held pull stayed");
        await Eventually.TrueAsync(() => runtime.PullHold.QueueCount <= queuesHeld, "the long-poll bucket stayed");
    }

    private static string RandomGroup() => "CapG" + Guid.NewGuid().ToString("N")[..12];

    private async Task<RemotingCommand> ExpectAsync(int code, RemotingCommand request)
    {
        var response = await _client.InvokeAsync(_broker, request, Timeout);
        Assert.True(response.Code == code, $"expected {code}, got {response.Code} {response.Remark}");
        return response;
    }

    private static RemotingCommand Send(string body) =>
        RemotingCommand.CreateRequest(RequestCode.SendMessage, BrokerTestHost.SendHeader(Topic), Encoding.UTF8.GetBytes(body));

    private static RemotingCommand Pull(string group, long offset) =>
        RemotingCommand.CreateRequest(RequestCode.PullMessage, BrokerTestHost.PullHeader(Topic, 0, offset, group: group, suspendTimeoutMillis: 20_000));

    private static RemotingCommand SqlHeartbeat(string group) =>
        RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: new HeartbeatData
        {
            ClientID = "leaver-client",
            ConsumerDataSet =
            [
                new ConsumerData
                {
                    GroupName = group,
                    ConsumeType = ConsumeType.ConsumePassively,
                    MessageModel = MessageModel.Clustering,
                    SubscriptionDataSet = [new SubscriptionData { Topic = Topic, SubString = "a = 1", ExpressionType = SubscriptionData.ExpressionTypeSql92, SubVersion = 1 }],
                },
            ],
        }.Encode());
}
