using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>ConsumeMessageDirectlyResult</c>, a consumer's answer to <c>CONSUME_MESSAGE_DIRECTLY</c> (mqadmin
/// consumeMessage): <see cref="ConsumeResult"/> is Apache's CMResult name (CR_SUCCESS, CR_LATER, CR_THROW_EXCEPTION, …).
/// </summary>
public sealed class ConsumeMessageDirectlyResult : IRemotingBody<ConsumeMessageDirectlyResult>
{
    public bool Order { get; set; }

    public bool AutoCommit { get; set; } = true;

    public string? ConsumeResult { get; set; }

    public string? Remark { get; set; }

    public long SpentTimeMills { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("autoCommit"u8, AutoCommit);
        writer.Property("consumeResult"u8, ConsumeResult);
        writer.Property("order"u8, Order);
        writer.Property("remark"u8, Remark);
        writer.Property("spentTimeMills"u8, SpentTimeMills);
        writer.EndObject();
    }

    public static ConsumeMessageDirectlyResult ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ConsumeMessageDirectlyResult));
        return new ConsumeMessageDirectlyResult
        {
            AutoCommit = node.Property("autoCommit").AsBoolean(),
            ConsumeResult = node.Property("consumeResult").AsString(),
            Order = node.Property("order").AsBoolean(),
            Remark = node.Property("remark").AsString(),
            SpentTimeMills = node.Property("spentTimeMills").AsInt64(),
        };
    }
}
