using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// One entry of Apache's <c>BatchAckMessageRequestBody</c>: the messages of one pop of one queue, acked as offsets
/// <see cref="StartOffset"/> + each set bit of <see cref="BitSet"/> (Java <c>BitSet.toByteArray</c>, little-endian,
/// sent base64 as fastjson writes a byte array). Field names are fastjson's short names; the long ones are read too.
/// </summary>
public sealed class BatchAck
{
    public string ConsumerGroup { get; set; } = string.Empty;

    public string Topic { get; set; } = string.Empty;

    /// <summary>"0" the topic itself, "1" the group's retry topic (ExtraInfoUtil's topic type).</summary>
    public string Retry { get; set; } = "0";

    public long StartOffset { get; set; }

    public int QueueId { get; set; }

    public int ReviveQueueId { get; set; }

    public long PopTime { get; set; }

    public long InvisibleTime { get; set; }

    public byte[] BitSet { get; set; } = [];

    /// <summary>The acked queue offsets, in order.</summary>
    public IEnumerable<long> Offsets()
    {
        for (var i = 0; i < BitSet.Length * 8; i++)
        {
            if ((BitSet[i >> 3] & (1 << (i & 7))) != 0)
            {
                yield return StartOffset + i;
            }
        }
    }

    /// <summary>Sets the bit of <paramref name="offset"/> (at or past <see cref="StartOffset"/>).</summary>
    public void Add(long offset)
    {
        var bit = checked((int)(offset - StartOffset));
        ArgumentOutOfRangeException.ThrowIfNegative(bit, nameof(offset));
        if (bit >> 3 >= BitSet.Length)
        {
            var grown = new byte[(bit >> 3) + 1];
            BitSet.CopyTo(grown, 0);
            BitSet = grown;
        }

        BitSet[bit >> 3] |= (byte)(1 << (bit & 7));
    }

    internal void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("b"u8, Convert.ToBase64String(BitSet));
        writer.Property("c"u8, ConsumerGroup);
        writer.Property("it"u8, InvisibleTime);
        writer.Property("pt"u8, PopTime);
        writer.Property("q"u8, QueueId);
        writer.Property("r"u8, Retry);
        writer.Property("rq"u8, ReviveQueueId);
        writer.Property("so"u8, StartOffset);
        writer.Property("t"u8, Topic);
        writer.EndObject();
    }

    internal static BatchAck ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(BatchAck));
        var ack = new BatchAck();
        foreach (var (key, value) in node.Members)
        {
            switch (key.Text)
            {
                case "c" or "consumerGroup": ack.ConsumerGroup = value.AsString() ?? string.Empty; break;
                case "t" or "topic": ack.Topic = value.AsString() ?? string.Empty; break;
                case "r" or "retry": ack.Retry = value.AsString() ?? "0"; break;
                case "so" or "startOffset": ack.StartOffset = value.AsInt64(); break;
                case "q" or "queueId": ack.QueueId = value.AsInt32(); break;
                case "rq" or "reviveQueueId": ack.ReviveQueueId = value.AsInt32(); break;
                case "pt" or "popTime": ack.PopTime = value.AsInt64(); break;
                case "it" or "invisibleTime": ack.InvisibleTime = value.AsInt64(); break;
                case "b" or "bitSet": ack.BitSet = ReadBytes(value); break;
            }
        }

        return ack;
    }

    /// <summary>fastjson writes a byte[] as a base64 string; an array of numbers is accepted as well.</summary>
    private static byte[] ReadBytes(FastJsonNode node) => node.Kind switch
    {
        FastJsonKind.Null => [],
        FastJsonKind.String => Convert.FromBase64String(node.Text ?? string.Empty),
        _ => [.. node.AsList(item => unchecked((byte)item.AsInt32()))],
    };
}
