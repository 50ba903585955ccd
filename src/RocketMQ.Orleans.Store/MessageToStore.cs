using System.Net;

namespace RocketMQ.Orleans.Store;

/// <summary>
/// A message to put (what Apache calls <c>MessageExtBrokerInner</c>). Properties are given either encoded
/// (<see cref="PropertiesString"/>, name U+0001 value U+0002 …) or as a dictionary; the store reads TAGS,
/// KEYS and UNIQ_KEY from them for dispatch.
/// </summary>
public sealed class MessageToStore
{
    public required string Topic { get; init; }

    public int QueueId { get; init; }

    public int Flag { get; init; }

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Encoded properties; takes precedence over <see cref="Properties"/>.</summary>
    public string? PropertiesString { get; init; }

    public IReadOnlyDictionary<string, string>? Properties { get; init; }

    public int SysFlag { get; init; }

    public long BornTimestamp { get; init; }

    public IPEndPoint BornHost { get; init; } = new(IPAddress.Loopback, 0);

    public IPEndPoint StoreHost { get; init; } = new(IPAddress.Loopback, 10911);

    public int ReconsumeTimes { get; init; }

    public long PreparedTransactionOffset { get; init; }
}
