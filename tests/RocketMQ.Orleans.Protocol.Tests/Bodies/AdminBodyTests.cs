using System.Globalization;
using System.Text.RegularExpressions;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Tests.Bodies;

public sealed class AdminBodyTests
{
    private const string DefaultTopicConfig =
        """{"order":false,"perm":6,"readQueueNums":16,"topicFilterType":"SINGLE_TAG","topicName":"TopicTest","topicSysFlag":0,"writeQueueNums":16}""";

    [Fact]
    public void Topic_config_wrapper_is_written_as_fastjson_does()
    {
        var wrapper = new TopicConfigSerializeWrapper
        {
            DataVersion = new DataVersion(1700000000000, 3),
            TopicConfigTable = { ["TopicTest"] = new TopicConfig { TopicName = "TopicTest" } },
        };

        Assert.Equal(
            """{"dataVersion":{"counter":3,"timestamp":1700000000000},"topicConfigTable":{"TopicTest":""" + DefaultTopicConfig + "}}",
            BodyJson.Text(wrapper));
        var decoded = BodyJson.RoundTrip(wrapper);
        Assert.Equal(new DataVersion(1700000000000, 3), decoded.DataVersion);
    }

    [Fact]
    public void Topic_config_fields_missing_from_input_keep_Java_defaults()
    {
        var config = BodyJson.Decode<TopicConfig>("""{"topicName":"T","order":true,"topicFilterType":"MULTI_TAG"}""");
        Assert.Equal((16, 16, 6, true, TopicFilterType.MultiTag), (config.ReadQueueNums, config.WriteQueueNums, config.Perm, config.Order, config.TopicFilterType));
    }

    [Fact]
    public void Subscription_group_config_has_Java_defaults_and_order()
    {
        Assert.Equal(
            """{"brokerId":0,"consumeBroadcastEnable":true,"consumeEnable":true,"consumeFromMinEnable":true,"groupName":"GID_test","notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,"retryQueueNums":1,"whichBrokerWhenConsumeSlowly":1}""",
            BodyJson.Text(new SubscriptionGroupConfig { GroupName = "GID_test" }));

        // mqadmin updateSubGroup sends every field; a partial body keeps the rest at their defaults.
        var partial = BodyJson.Decode<SubscriptionGroupConfig>("""{"groupName":"g","retryMaxTimes":3,"consumeBroadcastEnable":false}""");
        Assert.Equal((3, false, true, 1), (partial.RetryMaxTimes, partial.ConsumeBroadcastEnable, partial.ConsumeEnable, partial.RetryQueueNums));

        var wrapper = new SubscriptionGroupWrapper { DataVersion = new DataVersion(5, 6), SubscriptionGroupTable = { ["g"] = partial } };
        Assert.Equal(3, BodyJson.RoundTrip(wrapper).SubscriptionGroupTable["g"].RetryMaxTimes);
        Assert.StartsWith("""{"dataVersion":{"counter":6,"timestamp":5},"subscriptionGroupTable":{"g":{"brokerId":0,""", BodyJson.Text(wrapper));
    }

    [Fact]
    public void Kv_table_and_group_list()
    {
        var runtime = new KVTable { Table = { ["brokerVersion"] = "413", ["msgPutTotalTodayNow"] = "0" } };
        Assert.Equal("""{"table":{"brokerVersion":"413","msgPutTotalTodayNow":"0"}}""", BodyJson.Text(runtime));
        Assert.Equal("413", BodyJson.RoundTrip(runtime).Table["brokerVersion"]);

        Assert.Equal("""{"groupList":["g1","g2"]}""", BodyJson.Text(new GroupList { Groups = ["g1", "g2"] }));
        Assert.Equal(["g1"], BodyJson.Decode<GroupList>("{groupList:['g1']}").Groups);
    }

    [Fact]
    public void Consumer_connection_is_written_as_fastjson_does()
    {
        var connection = new ConsumerConnection
        {
            ConnectionSet = [new Connection { ClientId = "10.0.0.5@1", ClientAddr = "10.0.0.5:50000", Language = LanguageCode.JAVA, Version = 407 }],
            ConsumeType = ConsumeType.ConsumePassively,
            MessageModel = MessageModel.Clustering,
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromLastOffset,
            SubscriptionTable = { ["TopicTest"] = new SubscriptionData { Topic = "TopicTest", SubString = "*", SubVersion = 1 } },
        };

        Assert.Equal(
            """{"connectionSet":[{"clientAddr":"10.0.0.5:50000","clientId":"10.0.0.5@1","language":"JAVA","version":407}],"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING","subscriptionTable":{"TopicTest":{"classFilterMode":false,"codeSet":[],"expressionType":"TAG","subString":"*","subVersion":1,"tagsSet":[],"topic":"TopicTest"}}}""",
            BodyJson.Text(connection));
        var decoded = BodyJson.RoundTrip(connection);
        Assert.Equal(LanguageCode.JAVA, decoded.ConnectionSet[0].Language);
        Assert.Equal(LanguageCode.OTHER, BodyJson.Decode<Connection>("""{"language":"COBOL"}""").Language);
    }

    [Fact]
    public void Consumer_offsets_quote_queue_ids_and_read_fastjson_bare_ids()
    {
        var wrapper = new ConsumerOffsetSerializeWrapper
        {
            OffsetTable = { [ConsumerOffsetSerializeWrapper.Key("TopicTest", "GID")] = new() { [1] = 20, [0] = 10 } },
        };
        Assert.Equal("""{"offsetTable":{"TopicTest@GID":{"0":10,"1":20}}}""", BodyJson.Text(wrapper));
        BodyJson.RoundTrip(wrapper);

        var fromJava = BodyJson.Decode<ConsumerOffsetSerializeWrapper>("""{"offsetTable":{"%RETRY%GID@GID":{0:0},"TopicTest@GID":{0:10,1:20,2:3}}}""");
        Assert.Equal(3, fromJava.OffsetTable["TopicTest@GID"][2]);
        Assert.Equal(0, fromJava.OffsetTable["%RETRY%GID@GID"][0]);
    }

    [Fact]
    public void Consume_time_span_carries_Java_formatted_times()
    {
        var body = new QueryConsumeTimeSpanBody
        {
            ConsumeTimeSpanSet =
            [
                new QueueTimeSpan { MessageQueue = new MessageQueue("t", "b", 0), MinTimeStamp = 1700000000000, MaxTimeStamp = 1700000000123, ConsumeTimeStamp = 1700000000100, DelayTime = 23 },
            ],
        };

        string text = BodyJson.Text(body);
        string local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddMilliseconds(1700000000123), TimeZoneInfo.Local)
            .ToString("yyyy-MM-dd#HH:mm:ss:", CultureInfo.InvariantCulture) + "123";
        Assert.Contains($"\"maxTimeStamp\":1700000000123,\"maxTimeStampStr\":\"{local}\",\"messageQueue\":{{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"t\"}},\"minTimeStamp\":1700000000000,", text);
        Assert.Matches(new Regex("""^\{"consumeTimeSpanSet":\[\{"consumeTimeStamp":1700000000100,"consumeTimeStampStr":"\d{4}-\d\d-\d\d#\d\d:\d\d:\d\d:100","delayTime":23,"""), text);

        var span = Assert.Single(BodyJson.RoundTrip(body).ConsumeTimeSpanSet);
        Assert.Equal((1700000000000, 1700000000123, 1700000000100, 23L), (span.MinTimeStamp, span.MaxTimeStamp, span.ConsumeTimeStamp, span.DelayTime));
    }

    [Fact]
    public void Consume_queue_query_round_trips()
    {
        var body = new QueryConsumeQueueResponseBody
        {
            MinQueueIndex = 0,
            MaxQueueIndex = 10,
            SubscriptionData = new SubscriptionData { Topic = "t", SubString = "a", TagsSet = ["a"], CodeSet = [97] },
            QueueData = [new ConsumeQueueData { PhysicOffset = 1024, PhysicSize = 200, TagsCode = 97, Eval = true, Msg = "ok" }],
        };

        Assert.StartsWith(
            """{"maxQueueIndex":10,"minQueueIndex":0,"queueData":[{"eval":true,"msg":"ok","physicOffset":1024,"physicSize":200,"tagsCode":97}],"subscriptionData":{""",
            BodyJson.Text(body));
        var decoded = BodyJson.RoundTrip(body);
        Assert.Equal(1024, decoded.QueueData[0].PhysicOffset);
        Assert.Equal([97], decoded.SubscriptionData!.CodeSet);
    }
}
