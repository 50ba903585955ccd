using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Names;

/// <summary>Every entry point checks names with the one validator and refuses before anything is registered or stored.</summary>
public sealed class EntryPointNameTests : IAsyncLifetime
{
    private const string IllegalGroupRemark = "The specified group: bad group, contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$";

    private BrokerTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static RemotingCommand Heartbeat(string group, string topic, string? expressionType = null, string expression = "*") =>
        Heartbeats.Consumer(group, topic, expressionType ?? "TAG", expression);

    [Fact]
    public async Task Heartbeat_with_an_illegal_group_is_refused_and_registers_nothing()
    {
        var response = await _host.InvokeAsync(Heartbeat("bad group", "EpTopic"));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal(IllegalGroupRemark, response.Remark);
        Assert.Null(_host.Runtime.ConsumerManager.GetConsumerGroupInfo("bad group"));
    }

    [Fact]
    public async Task Heartbeat_with_an_overlong_subscription_topic_is_refused()
    {
        var response = await _host.InvokeAsync(Heartbeat("EpGroup", new string('t', 128)));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal("The specified topic is longer than topic max length.", response.Remark);
        Assert.Null(_host.Runtime.ConsumerManager.GetConsumerGroupInfo("EpGroup"));
    }

    [Fact]
    public async Task Pull_with_an_illegal_group_is_refused_before_the_group_is_created()
    {
        _host.CreateTopic("EpPull");

        var response = await _host.PullAsync(BrokerTestHost.PullHeader("EpPull", 0, 0, group: "bad group"));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal(IllegalGroupRemark, response.Remark);
        Assert.Null(await _host.Runtime.SubscriptionGroups.GetAsync("bad group"));
    }

    [Fact]
    public async Task Offsets_of_made_up_groups_topics_or_queues_are_not_stored()
    {
        _host.CreateTopic("EpOffsets", queueNums: 2);
        var groupsBefore = _host.Store.ConsumerOffsets.Groups.Count();

        var unknownTopic = await UpdateOffsetAsync("EpOffsetGroup", "EpNoSuchTopic", 0);
        var queueOutOfRange = await UpdateOffsetAsync("EpOffsetGroup", "EpOffsets", 7);
        var illegal = await UpdateOffsetAsync("bad group", "EpOffsets", 0);

        Assert.Equal(ResponseCode.TopicNotExist, unknownTopic.Code);
        Assert.Equal("Topic EpNoSuchTopic not exist!", unknownTopic.Remark);
        Assert.Equal(ResponseCode.SystemError, queueOutOfRange.Code);
        Assert.Equal(ResponseCode.SystemError, illegal.Code);
        Assert.Equal(groupsBefore, _host.Store.ConsumerOffsets.Groups.Count());

        Assert.Equal(ResponseCode.Success, (await UpdateOffsetAsync("EpOffsetGroup", "EpOffsets", 1)).Code);
        Assert.Equal(5, _host.Store.ConsumerOffsets.Query("EpOffsetGroup", "EpOffsets", 1));
    }

    [Fact]
    public async Task Offsets_of_a_group_that_does_not_exist_are_refused_when_groups_are_not_auto_created()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.AutoCreateSubscriptionGroup = false);
        host.CreateTopic("EpOffsetsNoAuto");

        var response = await host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.UpdateConsumerOffset, new UpdateConsumerOffsetRequestHeader
        {
            ConsumerGroup = "EpNoSuchGroup",
            Topic = "EpOffsetsNoAuto",
            QueueId = 0,
            CommitOffset = 5,
        }));

        Assert.Equal(ResponseCode.SubscriptionGroupNotExist, response.Code);
        Assert.Equal("Group EpNoSuchGroup not exist!", response.Remark);
        Assert.Equal(-1, host.Store.ConsumerOffsets.Query("EpNoSuchGroup", "EpOffsetsNoAuto", 0));
    }

    [Theory]
    [InlineData(" ", "The specified topic is blank.")]
    [InlineData("bad topic", "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$")]
    public async Task Query_by_key_on_an_illegal_topic_answers_Apaches_remark_not_an_exception_text(string topic, string remark)
    {
        // Found by the wire fuzzer: a blank topic reached the index and the client saw System.ArgumentException.
        var response = await _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.QueryMessage, new QueryMessageRequestHeader
        {
            Topic = topic,
            Key = "k",
            MaxNum = 32,
            BeginTimestamp = 0,
            EndTimestamp = long.MaxValue,
        }));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal(remark, response.Remark);
    }

    [Fact]
    public async Task Send_to_an_illegal_topic_answers_Apaches_remark()
    {
        var response = await _host.SendAsync(BrokerTestHost.SendHeader("bad topic"), "x");

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Equal("The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$", response.Remark);
    }

    [Fact]
    public async Task SQL92_filters_of_a_group_go_when_its_last_connection_closes()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.EnablePropertyFilter = true);
        var connection = new TestConnection();
        var response = await host.InvokeAsync(Heartbeat("EpSqlGroup", "EpSqlTopic", "SQL92", "a = 1"), connection);
        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.NotNull(host.Runtime.ConsumerFilters.Get("EpSqlTopic", "EpSqlGroup"));

        ((RocketMQ.Orleans.Remoting.Dispatching.IConnectionEventListener)host.Runtime).OnClosed(connection);

        // Before: the registry kept every (topic, group) a heartbeat ever named, for the life of the process.
        Assert.Null(host.Runtime.ConsumerFilters.Get("EpSqlTopic", "EpSqlGroup"));
    }

    private Task<RemotingCommand> UpdateOffsetAsync(string group, string topic, int queueId) =>
        _host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.UpdateConsumerOffset, new UpdateConsumerOffsetRequestHeader
        {
            ConsumerGroup = group,
            Topic = topic,
            QueueId = queueId,
            CommitOffset = 5,
        }));
}
