namespace RocketMQ.Orleans.Streaming.Tests.Grains;

/// <summary>The event the test grains produce: which key, and its position in that key's sequence.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderEvent([property: Id(0)] string Key, [property: Id(1)] int Seq);

/// <summary>The topics (stream namespaces) of the test provider, one per scenario so tests do not see each other's events.</summary>
public static class Topics
{
    public const string Orders = "orders";
    public const string Slow = "slow";
    public const string Replay = "replay";
    public const string Restart = "restart";
    public const string Wire = "wire";
    public const string ClientProduced = "client-produced";
    public const string Durable = "durable";

    public static readonly string[] All = [Orders, Slow, Replay, Restart, Wire, ClientProduced, Durable];
}
