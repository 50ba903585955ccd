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

    // Shared defaults: property initializers run for every message, even when the caller sets the host.
    // The store only reads them (IPEndPoint is mutable: nothing here may change one).
    private static readonly IPEndPoint DefaultBornHost = new(IPAddress.Loopback, 0);
    private static readonly IPEndPoint DefaultStoreHost = new(IPAddress.Loopback, 10911);

    public IPEndPoint BornHost { get; init; } = DefaultBornHost;

    public IPEndPoint StoreHost { get; init; } = DefaultStoreHost;

    public int ReconsumeTimes { get; init; }

    public long PreparedTransactionOffset { get; init; }
}
