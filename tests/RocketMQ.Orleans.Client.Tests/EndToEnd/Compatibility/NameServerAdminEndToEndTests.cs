using PermName = RocketMQ.Orleans.Abstractions.Contracts.PermName;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd.Compatibility;

/// <summary>
/// The name-server admin codes of mqadmin wipeWritePerm, addWritePerm, getNamesrvConfig and updateNamesrvConfig, and
/// the system topic list, through the .NET admin client against an in-process silo over TCP.
/// </summary>
public sealed class NameServerAdminEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Wipe_write_perm_makes_the_brokers_queues_read_only_in_routes_and_add_write_perm_restores_them()
    {
        await using var admin = new RocketMQAdmin(silo.ClientOptions());
        await admin.CreateTopicAsync(new TopicConfig { TopicName = "WipePermTopic", ReadQueueNums = 2, WriteQueueNums = 2 });
        var (brokerName, _) = Assert.Single(await admin.GetMasterBrokersAsync());

        var wiped = await admin.WipeWritePermAsync(brokerName);
        var wipedPerm = Assert.Single((await admin.GetTopicRouteAsync("WipePermTopic"))!.QueueDatas).Perm;
        var added = await admin.AddWritePermAsync(brokerName);
        var restoredPerm = Assert.Single((await admin.GetTopicRouteAsync("WipePermTopic"))!.QueueDatas).Perm;

        Assert.True(wiped >= 1, $"{wiped} topics wiped");
        Assert.Equal(wiped, added);
        Assert.Equal(PermName.Read, wipedPerm);
        Assert.Equal(PermName.Read | PermName.Write, restoredPerm);
    }

    [Fact]
    public async Task Name_server_config_has_Apache_names_and_refuses_updates_it_cannot_apply()
    {
        await using var admin = new RocketMQAdmin(silo.ClientOptions());

        var config = await admin.GetNameServerConfigAsync();

        Assert.Equal(silo.ClientOptions().NameServerAddress.Split(':')[1], config["listenPort"]);
        Assert.Equal("center", config["productEnvName"]);
        var refused = await Assert.ThrowsAsync<RocketMQClientException>(() => admin.UpdateNameServerConfigAsync(new Dictionary<string, string> { ["listenPort"] = "1" }));
        Assert.Equal(ResponseCode.NoPermission, refused.ResponseCode);
        await admin.UpdateNameServerConfigAsync(new Dictionary<string, string> { ["noSuchSetting"] = "1" });
    }

    [Fact]
    public async Task System_topic_list_from_the_name_server_has_the_cluster_and_broker_names()
    {
        await using var admin = new RocketMQAdmin(silo.ClientOptions());
        var (brokerName, address) = Assert.Single(await admin.GetMasterBrokersAsync());
        var cluster = Assert.Single((await admin.GetClusterInfoAsync()).ClusterAddrTable.Keys);

        var list = await admin.GetSystemTopicListAsync();

        Assert.Equal([cluster, brokerName], list.Topics);
        Assert.Equal(address, list.BrokerAddr);
    }
}
