using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Protocol.Tests.Bodies;

/// <summary>
/// Bodies whose maps are keyed by MessageQueue, written in fastjson's object-key form. The expected texts were
/// checked against fastjson 1.2.69 (RocketMQ 4.9.8's version): it parses each one into the Java classes and
/// writes it back byte for byte.
/// </summary>
public sealed class QueueKeyedBodyTests
{
    private static readonly MessageQueue Q0 = new("TopicTest", "broker-a", 0);
    private static readonly MessageQueue Q1 = new("TopicTest", "broker-a", 1);

    [Fact]
    public void Consume_stats_use_object_keys_in_queue_order()
    {
        var stats = new ConsumeStats
        {
            ConsumeTps = 12.5,
            OffsetTable =
            {
                [Q1] = new OffsetWrapper(7, 7, 0),
                [Q0] = new OffsetWrapper(100, 90, 1700000000000),
            },
        };

        Assert.Equal(
            """{"consumeTps":12.5,"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:{"brokerOffset":100,"consumerOffset":90,"lastTimestamp":1700000000000},{"brokerName":"broker-a","queueId":1,"topic":"TopicTest"}:{"brokerOffset":7,"consumerOffset":7,"lastTimestamp":0}}}""",
            BodyJson.Text(stats));

        var decoded = BodyJson.RoundTrip(stats);
        Assert.Equal(12.5, decoded.ConsumeTps);
        Assert.Equal(new OffsetWrapper(100, 90, 1700000000000), decoded.OffsetTable[new MessageQueue("TopicTest", "broker-a", 0)]);
    }

    [Fact]
    public void A_whole_tps_is_written_the_Java_way()
    {
        Assert.Equal("""{"consumeTps":0.0,"offsetTable":{}}""", BodyJson.Text(new ConsumeStats()));
        Assert.StartsWith("""{"consumeTps":3.0,""", BodyJson.Text(new ConsumeStats { ConsumeTps = 3 }));
    }

    [Fact]
    public void Queue_keys_written_as_strings_by_other_tools_are_read_too()
    {
        var stats = BodyJson.Decode<ConsumeStats>(
            """{"consumeTps":1,"offsetTable":{"{\"brokerName\":\"b\",\"queueId\":3,\"topic\":\"t\"}":{"brokerOffset":5,"consumerOffset":4,"lastTimestamp":1}}}""");
        Assert.Equal(new OffsetWrapper(5, 4, 1), stats.OffsetTable[new MessageQueue("t", "b", 3)]);
    }

    [Fact]
    public void Topic_stats_table_uses_object_keys()
    {
        var table = new TopicStatsTable { OffsetTable = { [Q0] = new TopicOffset(0, 42, 1700000000001) } };

        Assert.Equal(
            """{"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:{"lastUpdateTimestamp":1700000000001,"maxOffset":42,"minOffset":0}}}""",
            BodyJson.Text(table));
        Assert.Equal(new TopicOffset(0, 42, 1700000000001), BodyJson.RoundTrip(table).OffsetTable[Q0]);
    }

    [Fact]
    public void Reset_offset_body_maps_queues_to_numbers()
    {
        var body = new ResetOffsetBody { OffsetTable = { [Q1] = 9, [Q0] = 8 } };

        Assert.Equal(
            """{"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:8,{"brokerName":"broker-a","queueId":1,"topic":"TopicTest"}:9}}""",
            BodyJson.Text(body));
        Assert.Equal(9, BodyJson.RoundTrip(body).OffsetTable[Q1]);
    }

    [Fact]
    public void Lock_bodies_carry_queue_sets_as_arrays()
    {
        var request = new LockBatchRequestBody { ConsumerGroup = "g", ClientId = "c", MqSet = [Q0, Q1] };
        Assert.Equal(
            """{"clientId":"c","consumerGroup":"g","mqSet":[{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"},{"brokerName":"broker-a","queueId":1,"topic":"TopicTest"}]}""",
            BodyJson.Text(request));
        Assert.Equal([Q0, Q1], BodyJson.RoundTrip(request).MqSet);

        var unlock = BodyJson.RoundTrip(new UnlockBatchRequestBody { ConsumerGroup = "g", ClientId = "c", MqSet = [Q1] });
        Assert.Equal(("g", "c", Q1), (unlock.ConsumerGroup, unlock.ClientId, Assert.Single(unlock.MqSet)));

        var response = new LockBatchResponseBody { LockOKMQSet = [Q1] };
        Assert.Equal("""{"lockOKMQSet":[{"brokerName":"broker-a","queueId":1,"topic":"TopicTest"}]}""", BodyJson.Text(response));
        Assert.Equal([Q1], BodyJson.RoundTrip(response).LockOKMQSet);
    }

    [Fact]
    public void Message_queues_compare_as_Java_does()
    {
        Assert.Equal(new MessageQueue("t", "b", 1), new MessageQueue("t", "b", 1));
        Assert.Equal(new MessageQueue("t", "b", 1).GetHashCode(), new MessageQueue("t", "b", 1).GetHashCode());
        Assert.NotEqual(new MessageQueue("t", "b", 1), new MessageQueue("t", "b", 2));

        MessageQueue[] queues = [new("b", "x", 0), new("a", "y", 2), new("a", "y", 10), new("B", "z", 0), new("a", "x", 5)];
        Array.Sort(queues);
        Assert.Equal(
            [new("B", "z", 0), new("a", "x", 5), new("a", "y", 2), new("a", "y", 10), new MessageQueue("b", "x", 0)],
            queues);
    }
}
