using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Tests.Headers;

public sealed class HeaderTests
{
    [Fact]
    public void Send_header_uses_Java_field_names_and_round_trips()
    {
        var header = new SendMessageRequestHeader
        {
            ProducerGroup = "PG", Topic = "T", DefaultTopic = "TBW102", DefaultTopicQueueNums = 4, QueueId = 1,
            SysFlag = 0, BornTimestamp = 1_700_000_000_000, Flag = 0, Properties = "TAGS\u0001A",
            ReconsumeTimes = 0, UnitMode = false, Batch = true, MaxReconsumeTimes = 16,
        };
        var ext = new Dictionary<string, string>();

        header.WriteTo(ext);

        Assert.Equal(
            ["batch", "bornTimestamp", "defaultTopic", "defaultTopicQueueNums", "flag", "maxReconsumeTimes", "producerGroup",
             "properties", "queueId", "reconsumeTimes", "sysFlag", "topic", "unitMode"],
            ext.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("true", ext["batch"]);
        Assert.Equal("1700000000000", ext["bornTimestamp"]);
        var back = SendMessageRequestHeader.FromExtFields(ext);
        Assert.Equivalent(header, back);
    }

    [Fact]
    public void V2_header_converts_to_and_from_v1()
    {
        // What ali-ons sends (values as text after JSON decoding, booleans included).
        var ext = new Dictionary<string, string>
        {
            ["a"] = "PG", ["b"] = "T", ["c"] = "TBW102", ["d"] = "4", ["e"] = "3", ["f"] = "0", ["g"] = "1700000000000",
            ["h"] = "0", ["i"] = "UNIQ_KEY\u0001X", ["j"] = "0", ["k"] = "false", ["m"] = "false",
        };

        var v1 = SendMessageRequestHeader.FromExtFields(ext, v2: true);

        Assert.Equal("PG", v1.ProducerGroup);
        Assert.Equal("T", v1.Topic);
        Assert.Equal(3, v1.QueueId);
        Assert.Equal(1_700_000_000_000, v1.BornTimestamp);
        Assert.Equal("UNIQ_KEY\u0001X", v1.Properties);
        Assert.False(v1.UnitMode);
        Assert.Null(v1.MaxReconsumeTimes);

        var written = new Dictionary<string, string>();
        SendMessageRequestHeaderV2.FromV1(v1).WriteTo(written);
        Assert.Equal(ext, written);
    }

    [Fact]
    public void Missing_required_field_is_named()
    {
        var ext = new Dictionary<string, string> { ["consumerGroup"] = "G", ["topic"] = "T" };

        var error = Assert.Throws<RemotingProtocolException>(() => PullMessageRequestHeader.FromExtFields(ext));

        Assert.Equal(RemotingProtocolError.MissingHeaderField, error.Error);
        Assert.Contains("queueId", error.Message);
        Assert.Equal(RemotingProtocolError.MissingHeaderField,
            Assert.Throws<RemotingProtocolException>(() => GetMaxOffsetRequestHeader.FromExtFields(null)).Error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("3.5")]
    [InlineData(" 3")]
    [InlineData("99999999999")]
    [InlineData("")]
    public void Unparsable_number_is_a_bad_field(string queueId)
    {
        var ext = new Dictionary<string, string> { ["topic"] = "T", ["queueId"] = queueId };

        var error = Assert.Throws<RemotingProtocolException>(() => GetMaxOffsetRequestHeader.FromExtFields(ext));

        Assert.Equal(RemotingProtocolError.BadHeaderField, error.Error);
        Assert.Contains("queueId", error.Message);
    }

    [Fact]
    public void A_huge_unparsable_value_is_quoted_only_in_part()
    {
        // The message is the remark sent back and a log line: a 1 MiB field must not come back as a 1 MiB remark.
        var ext = new Dictionary<string, string> { ["topic"] = "T", ["queueId"] = new string('9', 1024 * 1024) + "x" };

        var error = Assert.Throws<RemotingProtocolException>(() => GetMaxOffsetRequestHeader.FromExtFields(ext));

        Assert.Equal(RemotingProtocolError.BadHeaderField, error.Error);
        Assert.Equal($"the custom field <queueId> has an unparsable value '{new string('9', 64)}…' (1048577 characters)", error.Message);
    }

    [Fact]
    public void Pull_request_from_ali_ons_parses()
    {
        var ext = new Dictionary<string, string>
        {
            ["consumerGroup"] = "CG", ["topic"] = "T", ["queueId"] = "3", ["queueOffset"] = "0", ["maxMsgNums"] = "32",
            ["sysFlag"] = "7", ["commitOffset"] = "-1", ["suspendTimeoutMillis"] = "15000", ["subscription"] = "*",
            ["subVersion"] = "1700000000000", ["AccessKey"] = "ignored",
        };

        var header = PullMessageRequestHeader.FromExtFields(ext);

        Assert.Equal(3, header.QueueId);
        Assert.Equal(32, header.MaxMsgNums);
        Assert.Equal(-1, header.CommitOffset);
        Assert.Equal("*", header.Subscription);
        Assert.Null(header.ExpressionType);
    }

    [Fact]
    public void Booleans_parse_like_Java_parseBoolean()
    {
        var ext = new Dictionary<string, string>
        {
            ["offset"] = "1", ["group"] = "G", ["delayLevel"] = "0", ["unitMode"] = "TRUE",
        };

        Assert.True(ConsumerSendMsgBackRequestHeader.FromExtFields(ext).UnitMode);
        ext["unitMode"] = "yes";
        Assert.False(ConsumerSendMsgBackRequestHeader.FromExtFields(ext).UnitMode);
        ext.Remove("unitMode");
        Assert.False(ConsumerSendMsgBackRequestHeader.FromExtFields(ext).UnitMode);
    }

    public static TheoryData<ICommandHeader> Headers => new()
    {
        new SendMessageResponseHeader { MsgId = "C0A8000100002A9F0000000000001234", QueueId = 1, QueueOffset = 2, TransactionId = "tx" },
        new PullMessageResponseHeader { SuggestWhichBrokerId = 0, NextBeginOffset = 10, MinOffset = 0, MaxOffset = 11 },
        new QueryConsumerOffsetRequestHeader { ConsumerGroup = "G", Topic = "T", QueueId = 1 },
        new QueryConsumerOffsetResponseHeader { Offset = 5 },
        new UpdateConsumerOffsetRequestHeader { ConsumerGroup = "G", Topic = "T", QueueId = 1, CommitOffset = 9 },
        new GetMaxOffsetRequestHeader { Topic = "T", QueueId = 2 },
        new GetMaxOffsetResponseHeader { Offset = 3 },
        new GetMinOffsetRequestHeader { Topic = "T", QueueId = 2 },
        new GetMinOffsetResponseHeader { Offset = 0 },
        new SearchOffsetRequestHeader { Topic = "T", QueueId = 0, Timestamp = 1_700_000_000_000 },
        new SearchOffsetResponseHeader { Offset = 4 },
        new GetEarliestMsgStoretimeRequestHeader { Topic = "T", QueueId = 0 },
        new GetEarliestMsgStoretimeResponseHeader { Timestamp = 1 },
        new ConsumerSendMsgBackRequestHeader { Offset = 1, Group = "G", DelayLevel = 3, OriginMsgId = "id", OriginTopic = "T", UnitMode = true, MaxReconsumeTimes = 16 },
        new GetConsumerListByGroupRequestHeader { ConsumerGroup = "G" },
        new UnregisterClientRequestHeader { ClientId = "127.0.0.1@1", ConsumerGroup = "G" },
        new GetRouteInfoRequestHeader { Topic = "T", AcceptStandardJsonOnly = true },
        new QueryMessageRequestHeader { Topic = "T", Key = "k", MaxNum = 32, BeginTimestamp = 0, EndTimestamp = long.MaxValue },
        new QueryMessageResponseHeader { IndexLastUpdateTimestamp = 1, IndexLastUpdatePhyoffset = 2 },
        new ViewMessageRequestHeader { Offset = 123 },
        new CreateTopicRequestHeader { Topic = "T", DefaultTopic = "TBW102", ReadQueueNums = 4, WriteQueueNums = 4, Perm = 6, TopicFilterType = "SINGLE_TAG", TopicSysFlag = 0, Order = false },
        new EndTransactionRequestHeader { ProducerGroup = "PG", TranStateTableOffset = 1, CommitLogOffset = 2, CommitOrRollback = 8, FromTransactionCheck = true, MsgId = "m", TransactionId = "t" },
        new CheckTransactionStateRequestHeader { TranStateTableOffset = 1, CommitLogOffset = 2, MsgId = "m", TransactionId = "t", OffsetMsgId = "o" },
        new GetKVConfigRequestHeader { Namespace = "ORDER_TOPIC_CONFIG", Key = "T" },
        new GetKVConfigResponseHeader { Value = "v" },
        new PutKVConfigRequestHeader { Namespace = "N", Key = "K", Value = "V" },
        new DeleteKVConfigRequestHeader { Namespace = "N", Key = "K" },
        new NotifyConsumerIdsChangedRequestHeader { ConsumerGroup = "G" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Every_header_round_trips_through_both_wire_encodings(ICommandHeader header)
    {
        foreach (var type in new[] { SerializeType.Json, SerializeType.RocketMQ })
        {
            var command = RemotingCommand.CreateRequest(RequestCode.HeartBeat, header);
            command.SerializeType = type;

            var decoded = Remoting.RemotingCommandCodecTests.RoundTrip(command);
            var method = typeof(RemotingCommand).GetMethod(nameof(RemotingCommand.ReadHeader))!.MakeGenericMethod(header.GetType());
            object back = method.Invoke(decoded, null)!;

            Assert.Equivalent(header, back, strict: true);
        }
    }
}
