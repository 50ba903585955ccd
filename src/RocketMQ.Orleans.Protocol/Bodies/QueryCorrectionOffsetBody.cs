using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>QueryCorrectionOffsetBody</c>, the <c>QUERY_CORRECTION_OFFSET</c> body: queue id → offset.</summary>
public sealed class QueryCorrectionOffsetBody : IRemotingBody<QueryCorrectionOffsetBody>
{
    public Dictionary<int, long> CorrectionOffsets { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("correctionOffsets"u8);
        writer.NumberMap(CorrectionOffsets.OrderBy(entry => entry.Key), static (w, offset) => w.Number(offset));
        writer.EndObject();
    }

    public static QueryCorrectionOffsetBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(QueryCorrectionOffsetBody));
        return new QueryCorrectionOffsetBody { CorrectionOffsets = node.Property("correctionOffsets").AsInt32Map(static offset => offset.AsInt64()) };
    }
}
