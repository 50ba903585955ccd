using System.Text;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Bodies.Json;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Tests.Bodies;

/// <summary>Random and mutated bodies must only ever decode or throw <see cref="RemotingProtocolException"/>.</summary>
public sealed class FastJsonFuzzTests
{
    private const int Seed = 20261124;

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ":", ",", "\"", "'", "\\", "\\u", "0", "-", "1.5", "e", "E+", "9223372036854775808", "true", "false",
        "null", "undefined", "L", "\"brokerAddrs\"", "\"queueId\"", "\"offsetTable\"", "\"consumerDataSet\"", "abc", " ", "\n",
        "\uFEFF", "\u00e9", "\xff", "{{\"topic\":\"t\"}:", "1e999", "\"\\x4", "0x10", "/*", "\0",
    ];

    private const string MutationBytes = "{}[]:,\"'\\0-9aL ";

    private static readonly string[] Seeds =
    [
        """{"brokerDatas":[{"brokerAddrs":{0:"127.0.0.1:10911"},"brokerName":"b","cluster":"c"}],"filterServerTable":{},"queueDatas":[{"brokerName":"b","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}""",
        """{"clientID":"x@1","consumerDataSet":[{"groupName":"g","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING","consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","subscriptionDataSet":[{"topic":"t","subString":"a||b","classFilterMode":false,"tagsSet":["a","b"],"codeSet":[97,98],"subVersion":1}],"unitMode":false}],"producerDataSet":[{"groupName":"p"}]}""",
        """{"consumeTps":1.5,"offsetTable":{{"brokerName":"b","queueId":0,"topic":"t"}:{"brokerOffset":5,"consumerOffset":4,"lastTimestamp":1}}}""",
        """{"offsetTable":{"t@g":{0:10,"1":20}}}""",
        """{"dataVersion":{"counter":1,"timestamp":2},"topicConfigTable":{"t":{"order":false,"perm":6,"readQueueNums":16,"topicFilterType":"SINGLE_TAG","topicName":"t","topicSysFlag":0,"writeQueueNums":16}}}""",
    ];

    [Fact]
    public void Random_token_soup_never_escapes_as_another_exception()
    {
        var random = new Random(Seed);
        var text = new StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            text.Clear();
            int count = random.Next(1, 40);
            for (int t = 0; t < count; t++)
            {
                text.Append(Tokens[random.Next(Tokens.Length)]);
            }

            DecodeAll(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    [Fact]
    public void Mutated_real_bodies_never_escape_as_another_exception()
    {
        var random = new Random(Seed);
        int decoded = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] data = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]);
            int mutations = random.Next(1, 4);
            for (int m = 0; m < mutations; m++)
            {
                data = Mutate(data, random);
            }

            decoded += DecodeAll(data);
        }

        // Some mutations (in string contents, digits) keep the body valid: the typed path is exercised too.
        Assert.True(decoded > 0);
    }

    [Fact]
    public void Random_bytes_never_escape_as_another_exception()
    {
        var random = new Random(Seed);
        for (int i = 0; i < 2000; i++)
        {
            var data = new byte[random.Next(0, 64)];
            random.NextBytes(data);
            if (data.Length > 0 && random.Next(2) == 0)
            {
                data[0] = (byte)'{';
            }

            DecodeAll(data);
        }
    }

    private static byte[] Mutate(byte[] data, Random random)
    {
        if (data.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        int at = random.Next(data.Length);
        var list = data.ToList();
        switch (random.Next(4))
        {
            case 0:
                list[at] = (byte)random.Next(256);
                break;
            case 1:
                list.RemoveAt(at);
                break;
            case 2:
                list.Insert(at, (byte)MutationBytes[random.Next(MutationBytes.Length)]);
                break;
            default:
                list.RemoveRange(at, list.Count - at);
                break;
        }

        return [.. list];
    }

    /// <returns>How many typed decodes succeeded.</returns>
    private static int DecodeAll(byte[] data)
    {
        int ok = 0;
        ok += Try(() => FastJsonReader.Parse(data));
        ok += Try(() => RemotingBody.Decode<TopicRouteData>(data));
        ok += Try(() => RemotingBody.Decode<HeartbeatData>(data));
        ok += Try(() => RemotingBody.Decode<ConsumeStats>(data));
        ok += Try(() => RemotingBody.Decode<ConsumerOffsetSerializeWrapper>(data));
        ok += Try(() => RemotingBody.Decode<TopicConfigSerializeWrapper>(data));
        return ok;

        static int Try(Action decode)
        {
            try
            {
                decode();
                return 1;
            }
            catch (RemotingProtocolException e)
            {
                Assert.Equal(RemotingProtocolError.BadJson, e.Error);
                return 0;
            }
        }
    }
}
