using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Tests.Bodies;

public sealed class HeartbeatBodyTests
{
    // Produced by ali-ons 3.12.0's own MQClient#_prepareHeartbeatData and buildSubscriptionData (Date.now pinned
    // to 1700000000000), serialized with JSON.stringify exactly as mq_client_api.js sendHearbeat does: insertion
    // order, expressionType only for SQL92.
    private const string AliOnsHeartbeat =
        """{"clientID":"10.0.0.5@12345","consumerDataSet":[{"groupName":"GID_test","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING","consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","subscriptionDataSet":[{"topic":"TopicTest","subString":"TagA || TagB","classFilterMode":false,"tagsSet":["TagA","TagB"],"codeSet":[2598919,2598920],"subVersion":1700000000000},{"topic":"TopicAll","subString":"*","classFilterMode":false,"tagsSet":[],"codeSet":[],"subVersion":1700000000000},{"topic":"TopicSql","subString":"a BETWEEN 3 AND 6","classFilterMode":false,"tagsSet":[],"codeSet":[],"subVersion":1700000000000,"expressionType":"SQL92"}],"unitMode":false}],"producerDataSet":[{"groupName":"PID_test"},{"groupName":"CLIENT_INNER_PRODUCER"}]}""";

    // As a Java 4.9 client sends it: fastjson 1.2.69 re-serializing this into HeartbeatData gives the same bytes
    // (fields sorted, expressionType always present).
    private const string JavaHeartbeat =
        """{"clientID":"192.168.1.10@4711","consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET","consumeType":"CONSUME_PASSIVELY","groupName":"please_rename_unique_group_name","messageModel":"BROADCASTING","subscriptionDataSet":[{"classFilterMode":false,"codeSet":[2598919],"expressionType":"TAG","subString":"TagA","subVersion":1700000000123,"tagsSet":["TagA"],"topic":"TopicTest"}],"unitMode":false}],"producerDataSet":[{"groupName":"CLIENT_INNER_PRODUCER"}]}""";

    [Fact]
    public void Ali_ons_heartbeat_is_read()
    {
        var heartbeat = BodyJson.Decode<HeartbeatData>(AliOnsHeartbeat);

        Assert.Equal("10.0.0.5@12345", heartbeat.ClientID);
        Assert.Equal(["PID_test", "CLIENT_INNER_PRODUCER"], heartbeat.ProducerDataSet.Select(p => p.GroupName));
        var consumer = Assert.Single(heartbeat.ConsumerDataSet);
        Assert.Equal("GID_test", consumer.GroupName);
        Assert.Equal(ConsumeType.ConsumePassively, consumer.ConsumeType);
        Assert.Equal(MessageModel.Clustering, consumer.MessageModel);
        Assert.Equal(ConsumeFromWhere.ConsumeFromLastOffset, consumer.ConsumeFromWhere);
        Assert.False(consumer.UnitMode);

        Assert.Equal(3, consumer.SubscriptionDataSet.Count);
        var tags = consumer.SubscriptionDataSet[0];
        Assert.Equal("TopicTest", tags.Topic);
        Assert.Equal("TagA || TagB", tags.SubString);
        Assert.Equal(["TagA", "TagB"], tags.TagsSet);
        Assert.Equal([2598919, 2598920], tags.CodeSet);
        Assert.Equal(1700000000000, tags.SubVersion);
        Assert.Equal(SubscriptionData.ExpressionTypeTag, tags.ExpressionType); // absent → Java's default
        Assert.Equal(SubscriptionData.SubAll, consumer.SubscriptionDataSet[1].SubString);
        Assert.Equal(SubscriptionData.ExpressionTypeSql92, consumer.SubscriptionDataSet[2].ExpressionType);
        Assert.Equal("a BETWEEN 3 AND 6", consumer.SubscriptionDataSet[2].SubString);
    }

    [Fact]
    public void Java_heartbeat_is_read_and_written_back_identically()
    {
        var heartbeat = BodyJson.Decode<HeartbeatData>(JavaHeartbeat);

        Assert.Equal(MessageModel.Broadcasting, heartbeat.ConsumerDataSet[0].MessageModel);
        Assert.Equal(ConsumeFromWhere.ConsumeFromFirstOffset, heartbeat.ConsumerDataSet[0].ConsumeFromWhere);
        Assert.Equal(JavaHeartbeat, BodyJson.Text(heartbeat));
    }

    [Fact]
    public void Every_enum_spelling_round_trips()
    {
        foreach (var where in Enum.GetValues<ConsumeFromWhere>())
        {
            foreach (var type in Enum.GetValues<ConsumeType>())
            {
                foreach (var model in Enum.GetValues<MessageModel>())
                {
                    var data = new ConsumerData { GroupName = "g", ConsumeFromWhere = where, ConsumeType = type, MessageModel = model };
                    var decoded = BodyJson.RoundTrip(data);
                    Assert.Equal((where, type, model), (decoded.ConsumeFromWhere, decoded.ConsumeType, decoded.MessageModel));
                }
            }
        }

        Assert.Contains("\"consumeFromWhere\":\"CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST\"", BodyJson.Text(new ConsumerData { ConsumeFromWhere = ConsumeFromWhere.ConsumeFromLastOffsetAndFromMinWhenBootFirst }));
        Assert.Contains("\"consumeType\":\"CONSUME_ACTIVELY\"", BodyJson.Text(new ConsumerData()));
    }

    [Fact]
    public void Enums_are_also_read_from_ordinals_as_fastjson_allows()
    {
        var data = BodyJson.Decode<ConsumerData>("""{"consumeFromWhere":5,"consumeType":1,"messageModel":0,"groupName":"g"}""");
        Assert.Equal((ConsumeFromWhere.ConsumeFromTimestamp, ConsumeType.ConsumePassively, MessageModel.Broadcasting), (data.ConsumeFromWhere, data.ConsumeType, data.MessageModel));
    }

    [Theory]
    [InlineData("""{"consumeType":"CONSUME_SOMETIMES"}""")]
    [InlineData("""{"messageModel":7}""")]
    [InlineData("""{"consumeFromWhere":{}}""")]
    public void Unknown_enum_values_are_a_typed_error(string json) =>
        Assert.Equal(RemotingProtocolError.BadJson, Assert.Throws<RemotingProtocolException>(() => BodyJson.Decode<ConsumerData>(json)).Error);

    [Fact]
    public void Consumer_list_is_written_and_read()
    {
        var body = new GetConsumerListByGroupResponseBody { ConsumerIdList = ["10.0.0.5@1", "10.0.0.6@2"] };
        Assert.Equal("""{"consumerIdList":["10.0.0.5@1","10.0.0.6@2"]}""", BodyJson.Text(body));
        Assert.Equal(body.ConsumerIdList, BodyJson.RoundTrip(body).ConsumerIdList);
    }
}
