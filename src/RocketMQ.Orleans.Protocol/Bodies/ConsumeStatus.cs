using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ConsumeStatus</c>: a topic's consume rates in a <see cref="ConsumerRunningInfo"/>.</summary>
public sealed class ConsumeStatus : IRemotingBody<ConsumeStatus>
{
    public double PullRT { get; set; }

    public double PullTPS { get; set; }

    public double ConsumeRT { get; set; }

    public double ConsumeOKTPS { get; set; }

    public double ConsumeFailedTPS { get; set; }

    public long ConsumeFailedMsgs { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("consumeFailedMsgs"u8);
        writer.Number(ConsumeFailedMsgs);
        writer.PropertyName("consumeFailedTPS"u8);
        writer.Number(ConsumeFailedTPS);
        writer.PropertyName("consumeOKTPS"u8);
        writer.Number(ConsumeOKTPS);
        writer.PropertyName("consumeRT"u8);
        writer.Number(ConsumeRT);
        writer.PropertyName("pullRT"u8);
        writer.Number(PullRT);
        writer.PropertyName("pullTPS"u8);
        writer.Number(PullTPS);
        writer.EndObject();
    }

    public static ConsumeStatus ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ConsumeStatus));
        return new ConsumeStatus
        {
            ConsumeFailedMsgs = node.Property("consumeFailedMsgs").AsInt64(),
            ConsumeFailedTPS = node.Property("consumeFailedTPS").AsDouble(),
            ConsumeOKTPS = node.Property("consumeOKTPS").AsDouble(),
            ConsumeRT = node.Property("consumeRT").AsDouble(),
            PullRT = node.Property("pullRT").AsDouble(),
            PullTPS = node.Property("pullTPS").AsDouble(),
        };
    }
}
