namespace StreamsHost;

/// <summary>The event: Orleans serializes it in the message body (PayloadFormat Orleans, the default).</summary>
[GenerateSerializer, Immutable]
public sealed record OrderPlaced([property: Id(0)] string OrderId, [property: Id(1)] decimal Amount);
