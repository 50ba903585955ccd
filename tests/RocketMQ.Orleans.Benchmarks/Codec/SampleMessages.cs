using System.Net;
using System.Text;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Benchmarks.Codec;

/// <summary>Representative inputs: what a producer sends and what a broker stores for one message.</summary>
internal static class SampleMessages
{
    public static readonly IPEndPoint BornHost = new(IPAddress.Parse("10.0.0.7"), 53122);
    public static readonly IPEndPoint StoreHost = new(IPAddress.Parse("10.0.0.1"), 10911);
    public static readonly byte[] TopicUtf8 = Encoding.UTF8.GetBytes("BenchmarkTopic");

    public static byte[] Body(int size)
    {
        var body = new byte[size];
        new Random(42).NextBytes(body);
        return body;
    }

    public static string Properties() => MessageProperties.Encode(new Dictionary<string, string>
    {
        [MessageConst.PropertyTags] = "TagA",
        [MessageConst.PropertyKeys] = "order-1234567 customer-42",
        [MessageConst.PropertyUniqClientMessageIdKeyidx] = UniqueKeyGenerator.Create(),
        [MessageConst.PropertyWaitStoreMsgOk] = "true",
        ["region"] = "eu-west",
    });

    /// <summary>A SEND_MESSAGE_V2 request as the Java client sends it (JSON header, single-letter fields).</summary>
    public static RemotingCommand SendRequest(int bodySize, SerializeType serializeType)
    {
        var header = new SendMessageRequestHeaderV2
        {
            A = "benchmark-producer",
            B = "BenchmarkTopic",
            C = "TBW102",
            D = 4,
            E = 3,
            F = 0,
            G = 1_764_000_000_000,
            H = 0,
            I = Properties(),
            J = 0,
            K = false,
            L = 16,
            M = false,
        };
        var request = RemotingCommand.CreateRequest(RequestCode.SendMessageV2, header, Body(bodySize));
        request.SerializeType = serializeType;
        return request;
    }

    public static StoredMessageHeader StoredHeader() => new()
    {
        QueueId = 3,
        Flag = 0,
        QueueOffset = 123_456,
        PhysicalOffset = 987_654_321,
        SysFlag = 0,
        BornTimestamp = 1_764_000_000_000,
        BornHost = BornHost,
        StoreTimestamp = 1_764_000_000_005,
        StoreHost = StoreHost,
    };
}
