using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Protocol.Tests.Bodies;

/// <summary>RocketMQ 5 POP bodies: BATCH_ACK_MESSAGE's and the FIFO flag of a subscription group.</summary>
public sealed class PopBodyTests
{
    [Fact]
    public void Batch_ack_body_reads_fastjson_short_names_and_a_base64_bit_set_as_Javas_BitSet_toByteArray()
    {
        // Offsets start+1, +3, +5 (Apache BatchAckTest): BitSet bytes [0b0010_1010] = "Kg==".
        var body = BodyJson.Decode<BatchAckMessageRequestBody>(
            """{"acks":[{"b":"Kg==","c":"GID","it":30000,"pt":1700000000000,"q":2,"r":"0","rq":0,"so":100,"t":"T"}],"brokerName":"broker-a"}""");

        var ack = Assert.Single(body.Acks);
        Assert.Equal("broker-a", body.BrokerName);
        Assert.Equal(("GID", "T", "0", 2, 100L, 1700000000000L, 30000L), (ack.ConsumerGroup, ack.Topic, ack.Retry, ack.QueueId, ack.StartOffset, ack.PopTime, ack.InvisibleTime));
        Assert.Equal([101L, 103L, 105L], ack.Offsets());

        var built = new BatchAck { StartOffset = 100 };
        foreach (var offset in new long[] { 101, 103, 105 })
        {
            built.Add(offset);
        }

        Assert.Equal(ack.BitSet, built.BitSet);
        var roundTrip = BodyJson.RoundTrip(body);
        Assert.Equal([101L, 103L, 105L], Assert.Single(roundTrip.Acks).Offsets());
    }

    [Fact]
    public void Batch_ack_long_names_and_a_numeric_bit_set_are_read_too()
    {
        var body = BodyJson.Decode<BatchAckMessageRequestBody>(
            """{"acks":[{"bitSet":[1],"consumerGroup":"G","topic":"T","retry":"1","startOffset":7,"queueId":0}],"brokerName":"b"}""");

        var ack = Assert.Single(body.Acks);
        Assert.Equal(("G", "1"), (ack.ConsumerGroup, ack.Retry));
        Assert.Equal([7L], ack.Offsets());
    }

    [Fact]
    public void A_fifo_subscription_group_carries_consume_message_orderly_and_a_default_one_keeps_the_4x_body()
    {
        var fifo = BodyJson.RoundTrip(new SubscriptionGroupConfig { GroupName = "G", ConsumeMessageOrderly = true });

        Assert.True(fifo.ConsumeMessageOrderly);
        Assert.Contains("\"consumeMessageOrderly\":true", BodyJson.Text(new SubscriptionGroupConfig { GroupName = "G", ConsumeMessageOrderly = true }));
        Assert.DoesNotContain("consumeMessageOrderly", BodyJson.Text(new SubscriptionGroupConfig { GroupName = "G" }));
    }
}
