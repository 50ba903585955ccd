using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Client.Routing;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests;

public sealed class RouteCacheTests
{
    [Fact]
    public async Task Concurrent_first_sends_share_one_route_lookup()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => producer.SendAsync("Orders", new byte[] { 1 })));

        Assert.Single(broker.RequestsOf(RequestCode.GetRouteInfoByTopic));
        Assert.Equal(16, broker.RequestsOf(RequestCode.SendMessageV2).Count);
    }

    [Fact]
    public async Task A_route_is_refreshed_after_the_interval_and_kept_when_the_refresh_fails()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        var options = broker.ClientOptions();
        options.RouteRefreshInterval = TimeSpan.Zero;
        await using var core = new ClientCore(options);

        var first = await core.Routes.GetAsync("Orders");
        broker.Handle(RequestCode.GetRouteInfoByTopic, request => request.CreateResponseTo(ResponseCode.SystemError, "name server down"));
        var stale = await core.Routes.GetAsync("Orders");

        Assert.NotNull(first);
        Assert.Same(first, stale);
        Assert.Equal(2, broker.RequestsOf(RequestCode.GetRouteInfoByTopic).Count);
        Assert.Equal(broker.Address, core.Routes.FindMasterAddress(FakeBroker.BrokerName));
        var error = await Assert.ThrowsAsync<RocketMQClientException>(() => core.Routes.GetAsync("NotCachedYet").AsTask());
        Assert.Equal(ResponseCode.SystemError, error.ResponseCode);
    }

    [Fact]
    public void Name_server_lists_are_split_on_semicolons_and_validated()
    {
        Assert.Equal(["10.0.0.1:9876", "10.0.0.2:9876"], ClientCore.ParseNameServers("10.0.0.1:9876; 10.0.0.2:9876;"));
        Assert.ThrowsAny<Exception>(() => ClientCore.ParseNameServers("no-port"));
    }

    [Fact]
    public async Task An_unreachable_name_server_is_skipped()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        var options = broker.ClientOptions();
        options.NameServerAddress = "127.0.0.1:1;" + broker.Address;
        await using var core = new ClientCore(options);

        var route = await core.NameServer.GetRouteInfoAsync("Orders");

        Assert.Equal(4, RouteQueues.ForPublish(route!, "Orders").Count);
    }
}
