using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Offsets;

/// <summary>
/// RMQ_SYS_TRACE_TOPIC is an Apache system topic (admins may not create it) but not a "not allowed to send" topic:
/// trace producers send to it and it is auto-created like any topic.
/// </summary>
public sealed class TraceTopicTests : IAsyncLifetime
{
    private const string TraceTopic = "RMQ_SYS_TRACE_TOPIC";
    private BrokerTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BrokerTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_trace_message_is_accepted_stored_and_pulled_like_any_message()
    {
        _host.CreateTopic("TBW102", queueNums: 8, perm: 7);

        var sent = await _host.SendAsync(BrokerTestHost.SendHeader(TraceTopic), "Pub\u00011700000000000\u0001DefaultRegion");
        Assert.True(sent.Code == ResponseCode.Success, $"send to {TraceTopic}: {sent.Code} {sent.Remark}");
        await _host.Store.WaitForDispatchAsync();

        var pull = await _host.PullAsync(BrokerTestHost.PullHeader(TraceTopic, 0, 0, group: "CG_TRACE"));

        Assert.Equal(ResponseCode.Success, pull.Code);
        var message = Assert.Single(BrokerTestHost.Decode(pull));
        Assert.Equal(TraceTopic, message.Topic);
    }
}
