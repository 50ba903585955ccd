using System.Text;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.NameServer;

[Collection(BrokerSiloCollection.Name)]
public sealed class RouteInfoTests(BrokerSiloFixture silo)
{
    [Fact]
    public async Task Route_of_a_created_topic_is_Apache_TopicRouteData_json()
    {
        var created = await silo.BrokerAsync(AdminCommands.CreateTopic("NsRouteShape", queues: 4));
        Assert.Equal(ResponseCode.Success, created.Code);

        var response = await silo.NameServerAsync(AdminCommands.Route("NsRouteShape"));

        Assert.Equal(ResponseCode.Success, response.Code);
        var expected =
            "{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"" + silo.BrokerAddress + "\"},\"brokerName\":\"" + silo.BrokerName + "\",\"cluster\":\"DefaultCluster\"}]," +
            "\"filterServerTable\":{}," +
            "\"queueDatas\":[{\"brokerName\":\"" + silo.BrokerName + "\",\"perm\":6,\"readQueueNums\":4,\"topicSysFlag\":0,\"writeQueueNums\":4}]}";
        Assert.Equal(expected, Encoding.UTF8.GetString(response.Body.Span));
    }

    [Fact]
    public async Task Unknown_topic_gets_TOPIC_NOT_EXIST_with_Apache_remark()
    {
        var response = await silo.NameServerAsync(AdminCommands.Route("NsNoSuchTopic"));

        Assert.Equal(ResponseCode.TopicNotExist, response.Code);
        Assert.Equal("No topic route info in name server for the topic: NsNoSuchTopic\nSee http://rocketmq.apache.org/docs/faq/ for further details.", response.Remark);
        Assert.True(response.Body.IsEmpty);
    }

    [Fact]
    public async Task TBW102_routes_to_the_broker_that_allows_auto_creation_with_inheritable_perm()
    {
        var response = await silo.NameServerAsync(AdminCommands.Route("TBW102"));

        Assert.Equal(ResponseCode.Success, response.Code);
        var route = RemotingBody.Decode<TopicRouteData>(response.Body.Span);
        var queues = Assert.Single(route.QueueDatas);
        Assert.Equal(silo.BrokerName, queues.BrokerName);
        Assert.Equal(7, queues.Perm);
        Assert.Equal(8, queues.WriteQueueNums);
        var broker = Assert.Single(route.BrokerDatas);
        Assert.Equal(silo.BrokerAddress, broker.BrokerAddrs[0]);
    }

    [Fact]
    public async Task Order_topic_configuration_comes_from_the_ORDER_TOPIC_CONFIG_namespace()
    {
        await silo.BrokerAsync(AdminCommands.CreateTopic("NsOrdered", queues: 2, order: true));
        var conf = silo.BrokerName + ":2";
        var put = await silo.NameServerAsync(RemotingCommand.CreateRequest(RequestCode.PutKvConfig,
            new PutKVConfigRequestHeader { Namespace = ControlPlaneDefaults.OrderTopicConfigNamespace, Key = "NsOrdered", Value = conf }));
        Assert.Equal(ResponseCode.Success, put.Code);

        var response = await silo.NameServerAsync(AdminCommands.Route("NsOrdered"));

        Assert.Equal(conf, RemotingBody.Decode<TopicRouteData>(response.Body.Span).OrderTopicConf);
        Assert.Contains("\"orderTopicConf\":\"" + conf + "\"", Encoding.UTF8.GetString(response.Body.Span));
    }

    [Fact]
    public async Task Deleting_a_topic_in_the_name_server_removes_its_route()
    {
        await silo.BrokerAsync(AdminCommands.CreateTopic("NsDeleted"));
        Assert.Equal(ResponseCode.Success, (await silo.NameServerAsync(AdminCommands.Route("NsDeleted"))).Code);

        var deleted = await silo.NameServerAsync(AdminCommands.Fields(RequestCode.DeleteTopicInNamesrv, ("topic", "NsDeleted")));

        Assert.Equal(ResponseCode.Success, deleted.Code);
        Assert.Equal(ResponseCode.TopicNotExist, (await silo.NameServerAsync(AdminCommands.Route("NsDeleted"))).Code);
    }
}
