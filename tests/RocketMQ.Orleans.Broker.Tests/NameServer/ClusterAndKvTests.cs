using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.NameServer;

[Collection(BrokerSiloCollection.Name)]
public sealed class ClusterAndKvTests(BrokerSiloFixture silo)
{
    [Fact]
    public async Task Cluster_info_lists_the_live_broker_group()
    {
        var response = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.GetBrokerClusterInfo));

        Assert.Equal(ResponseCode.Success, response.Code);
        var info = RemotingBody.Decode<ClusterInfo>(response.Body.Span);
        Assert.Equal([silo.BrokerName], info.ClusterAddrTable["DefaultCluster"]);
        var broker = info.BrokerAddrTable[silo.BrokerName];
        Assert.Equal("DefaultCluster", broker.Cluster);
        Assert.Equal(silo.BrokerAddress, broker.BrokerAddrs[0]);
    }

    [Fact]
    public async Task Topic_lists_include_created_topics()
    {
        await silo.BrokerAsync(AdminCommands.CreateTopic("NsListed"));

        var all = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.GetAllTopicListFromNameserver));
        var byCluster = await silo.NameServerAsync(AdminCommands.Fields(RequestCode.GetTopicsByCluster, ("cluster", "DefaultCluster")));

        Assert.Contains("NsListed", RemotingBody.Decode<TopicList>(all.Body.Span).Topics);
        Assert.Contains("TBW102", RemotingBody.Decode<TopicList>(all.Body.Span).Topics);
        Assert.Contains("NsListed", RemotingBody.Decode<TopicList>(byCluster.Body.Span).Topics);
    }

    [Fact]
    public async Task Kv_config_put_get_delete()
    {
        var put = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.PutKvConfig,
            new PutKVConfigRequestHeader { Namespace = "NsKv", Key = "k1", Value = "v1" }));
        Assert.Equal(ResponseCode.Success, put.Code);

        var get = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.GetKvConfig, new GetKVConfigRequestHeader { Namespace = "NsKv", Key = "k1" }));
        Assert.Equal(ResponseCode.Success, get.Code);
        Assert.Equal("v1", get.ReadHeader<GetKVConfigResponseHeader>().Value);

        var list = await silo.NameServerAsync(AdminCommands.Fields(RequestCode.GetKvListByNamespace, ("namespace", "NsKv")));
        Assert.Equal("v1", RemotingBody.Decode<KVTable>(list.Body.Span).Table["k1"]);

        var deleted = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.DeleteKvConfig, new DeleteKVConfigRequestHeader { Namespace = "NsKv", Key = "k1" }));
        Assert.Equal(ResponseCode.Success, deleted.Code);

        var missing = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.GetKvConfig, new GetKVConfigRequestHeader { Namespace = "NsKv", Key = "k1" }));
        Assert.Equal(ResponseCode.QueryNotFound, missing.Code);
        Assert.Equal("No config item, Namespace: NsKv Key: k1", missing.Remark);
    }

    [Fact]
    public async Task Kv_config_by_value_answers_the_matching_keys_or_not_found()
    {
        await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.PutKvConfig,
            new PutKVConfigRequestHeader { Namespace = "NsProject", Key = "groupA", Value = "10.0.0.1" }));

        var found = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.GetKvConfigByValue,
            new GetKVConfigRequestHeader { Namespace = "NsProject", Key = "10.0.0.1" }));
        var notFound = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.GetKvConfigByValue,
            new GetKVConfigRequestHeader { Namespace = "PROJECT_CONFIG", Key = "10.9.9.9" }));

        Assert.Equal("groupA", found.ReadHeader<GetKVConfigResponseHeader>().Value);
        Assert.Equal(ResponseCode.QueryNotFound, notFound.Code);
    }

    [Fact]
    public async Task Broker_registration_is_refused_clearly()
    {
        var response = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.RegisterBroker));

        Assert.Equal(ResponseCode.RequestCodeNotSupported, response.Code);
        Assert.Contains("Orleans cluster membership", response.Remark);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Kv_config_under_a_blank_namespace_is_not_found_and_cannot_be_put(string ns)
    {
        // Found by `rmq fuzz`: a blank namespace reached the grain factory, which threw ArgumentException (blank grain key).
        var get = await silo.NameServerAsync(AdminCommands.Fields(RequestCode.GetKvConfig, ("namespace", ns), ("key", "k")));
        var byValue = await silo.NameServerAsync(AdminCommands.Fields(RequestCode.GetKvConfigByValue, ("namespace", ns), ("key", "v")));
        var list = await silo.NameServerAsync(AdminCommands.Fields(RequestCode.GetKvListByNamespace, ("namespace", ns)));
        var put = await silo.NameServerAsync(AdminCommands.Fields(RequestCode.PutKvConfig, ("namespace", ns), ("key", "k"), ("value", "v")));
        var delete = await silo.NameServerAsync(AdminCommands.Fields(RequestCode.DeleteKvConfig, ("namespace", ns), ("key", "k")));

        Assert.Equal(ResponseCode.QueryNotFound, get.Code);
        Assert.Equal($"No config item, Namespace: {ns} Key: k", get.Remark);
        Assert.Equal(ResponseCode.QueryNotFound, byValue.Code);
        Assert.Equal(ResponseCode.QueryNotFound, list.Code);
        Assert.Equal(ResponseCode.SystemError, put.Code);
        Assert.Equal("the custom field <namespace> is blank", put.Remark);
        Assert.Equal(ResponseCode.Success, delete.Code);
    }
}
