using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Protocol.Tests.Bodies;

public sealed class RouteBodyTests
{
    // What Apache 4.9.8's name server sends: fastjson 1.2.69 writing TopicRouteData (alphabetical fields, unquoted
    // Long map keys). fastjson parses our quoted form back into HashMap<Long,String> and writes exactly this.
    private const string FastjsonRoute =
        """{"brokerDatas":[{"brokerAddrs":{0:"127.0.0.1:10911",1:"127.0.0.1:10921"},"brokerName":"broker-a","cluster":"DefaultCluster"}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}""";

    private static TopicRouteData SampleRoute() => new()
    {
        BrokerDatas =
        [
            new BrokerData
            {
                Cluster = "DefaultCluster",
                BrokerName = "broker-a",
                BrokerAddrs = new() { [1] = "127.0.0.1:10921", [0] = "127.0.0.1:10911" },
            },
        ],
        QueueDatas = [new QueueData { BrokerName = "broker-a", Perm = 6, ReadQueueNums = 4, WriteQueueNums = 4 }],
    };

    [Fact]
    public void Route_is_written_as_fastjson_does_but_with_quoted_broker_ids()
    {
        // Broker ids are sorted and quoted: strict JSON that ali-ons' JSON2, fastjson and Go/C++ clients all read.
        Assert.Equal(FastjsonRoute.Replace("{0:", "{\"0\":").Replace(",1:", ",\"1\":"), BodyJson.Text(SampleRoute()));
    }

    [Fact]
    public void Route_from_fastjson_with_unquoted_keys_is_read()
    {
        var route = BodyJson.Decode<TopicRouteData>(FastjsonRoute);

        var broker = Assert.Single(route.BrokerDatas);
        Assert.Equal("DefaultCluster", broker.Cluster);
        Assert.Equal("broker-a", broker.BrokerName);
        Assert.Equal("127.0.0.1:10911", broker.BrokerAddrs[0]);
        Assert.Equal("127.0.0.1:10921", broker.BrokerAddrs[1]);
        var queues = Assert.Single(route.QueueDatas);
        Assert.Equal((4, 4, 6, 0), (queues.ReadQueueNums, queues.WriteQueueNums, queues.Perm, queues.TopicSysFlag));
        Assert.Empty(route.FilterServerTable);
        Assert.Null(route.OrderTopicConf);
    }

    [Fact]
    public void Order_conf_and_filter_servers_round_trip()
    {
        var route = SampleRoute();
        route.OrderTopicConf = "broker-a:4";
        route.FilterServerTable["127.0.0.1:10911"] = ["127.0.0.1:30000"];

        var decoded = BodyJson.RoundTrip(route);

        Assert.Equal("broker-a:4", decoded.OrderTopicConf);
        Assert.Equal(["127.0.0.1:30000"], decoded.FilterServerTable["127.0.0.1:10911"]);
        Assert.Contains("\"filterServerTable\":{\"127.0.0.1:10911\":[\"127.0.0.1:30000\"]},\"orderTopicConf\":\"broker-a:4\",", BodyJson.Text(route));
    }

    [Fact]
    public void Pre_4_9_topicSynFlag_spelling_is_read()
    {
        var route = BodyJson.Decode<TopicRouteData>("""{"queueDatas":[{"brokerName":"b","perm":6,"readQueueNums":8,"topicSynFlag":3,"writeQueueNums":8}],"brokerDatas":[]}""");
        Assert.Equal(3, Assert.Single(route.QueueDatas).TopicSysFlag);
    }

    [Fact]
    public void Cluster_info_is_written_and_read_in_both_key_forms()
    {
        var info = new ClusterInfo
        {
            BrokerAddrTable = { ["broker-a"] = new BrokerData { Cluster = "c1", BrokerName = "broker-a", BrokerAddrs = { [0] = "10.0.0.1:10911" } } },
            ClusterAddrTable = { ["c1"] = ["broker-a"] },
        };

        Assert.Equal(
            """{"brokerAddrTable":{"broker-a":{"brokerAddrs":{"0":"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c1"}},"clusterAddrTable":{"c1":["broker-a"]}}""",
            BodyJson.Text(info));
        BodyJson.RoundTrip(info);

        var fromJava = BodyJson.Decode<ClusterInfo>("""{"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c1"}},"clusterAddrTable":{"c1":["broker-a"]}}""");
        Assert.Equal("10.0.0.1:10911", fromJava.BrokerAddrTable["broker-a"].BrokerAddrs[0]);
        Assert.Equal(["broker-a"], fromJava.ClusterAddrTable["c1"]);
    }

    [Fact]
    public void Topic_list_leaves_out_a_null_broker_address()
    {
        Assert.Equal("""{"topicList":["TBW102","TopicTest"]}""", BodyJson.Text(new TopicList { Topics = ["TBW102", "TopicTest"] }));
        Assert.Equal(
            """{"brokerAddr":"10.0.0.1:10911","topicList":[]}""",
            BodyJson.Text(new TopicList { BrokerAddr = "10.0.0.1:10911" }));
        Assert.Equal(["a", "b"], BodyJson.Decode<TopicList>("""{"topicList":["a","b"]}""").Topics);
    }
}
