namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>Stands for an event whose value was null, so the container still knows it came from a grain.</summary>
[GenerateSerializer, Immutable, Alias("RocketMQ.Orleans.Streaming.NullEvent")]
public sealed class NullEvent
{
    public static readonly NullEvent Instance = new();
}
