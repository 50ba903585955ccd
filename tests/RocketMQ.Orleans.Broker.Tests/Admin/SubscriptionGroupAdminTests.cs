using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Admin;

[Collection(BrokerSiloCollection.Name)]
public sealed class SubscriptionGroupAdminTests(BrokerSiloFixture silo)
{
    [Fact]
    public async Task Created_group_is_stored_in_its_grain_and_listed()
    {
        var body = new SubscriptionGroupConfig { GroupName = "AdGroup", RetryMaxTimes = 5, ConsumeBroadcastEnable = false };
        var create = RemotingCommand.CreateRequest(RequestCode.UpdateAndCreateSubscriptionGroup, body: body.Encode());

        var response = await silo.BrokerAsync(create);

        Assert.Equal(ResponseCode.Success, response.Code);
        var stored = await silo.Cluster.Client.GetGrain<IConsumerGroupGrain>("AdGroup").GetConfigAsync();
        Assert.NotNull(stored);
        Assert.Equal(5, stored.RetryMaxTimes);
        Assert.False(stored.ConsumeBroadcastEnable);

        var all = await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.GetAllSubscriptionGroupConfig));
        Assert.Equal(ResponseCode.Success, all.Code);
        Assert.Equal(5, RemotingBody.Decode<SubscriptionGroupWrapper>(all.Body.Span).SubscriptionGroupTable["AdGroup"].RetryMaxTimes);
    }

    [Fact]
    public async Task Deleted_group_leaves_the_list()
    {
        var body = new SubscriptionGroupConfig { GroupName = "AdGroupGone" };
        await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.UpdateAndCreateSubscriptionGroup, body: body.Encode()));

        var response = await silo.BrokerAsync(AdminCommands.Fields(RequestCode.DeleteSubscriptionGroup, ("groupName", "AdGroupGone"), ("removeOffset", "true")));

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Null(await silo.Cluster.Client.GetGrain<IConsumerGroupGrain>("AdGroupGone").GetConfigAsync());
        var all = await silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.GetAllSubscriptionGroupConfig));
        if (all.Code == ResponseCode.Success)
        {
            Assert.False(RemotingBody.Decode<SubscriptionGroupWrapper>(all.Body.Span).SubscriptionGroupTable.ContainsKey("AdGroupGone"));
        }
        else
        {
            Assert.Equal("No subscription group in this broker", all.Remark);
        }
    }
}
