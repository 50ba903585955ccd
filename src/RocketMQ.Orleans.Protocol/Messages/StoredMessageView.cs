using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>
/// A validated, zero-copy view of one stored message. Fixed fields are read on access; the
/// variable parts are slices of the original buffer.
/// </summary>
public readonly ref struct StoredMessageView
{
    private readonly ReadOnlySpan<byte> _data;

    private StoredMessageView(ReadOnlySpan<byte> data, ReadOnlySpan<byte> body, ReadOnlySpan<byte> topic, ReadOnlySpan<byte> properties)
    {
        _data = data;
        Body = body;
        TopicUtf8 = topic;
        PropertiesUtf8 = properties;
    }

    /// <summary>The whole entry, <see cref="TotalSize"/> bytes.</summary>
    public ReadOnlySpan<byte> Raw => _data;

    public ReadOnlySpan<byte> Body { get; }

    public ReadOnlySpan<byte> TopicUtf8 { get; }

    public ReadOnlySpan<byte> PropertiesUtf8 { get; }

    public int TotalSize => _data.Length;

    public int BodyCrc => ReadInt32(StoredMessageLayout.BodyCrcPosition);

    public int QueueId => ReadInt32(StoredMessageLayout.QueueIdPosition);

    public int Flag => ReadInt32(StoredMessageLayout.FlagPosition);

    public long QueueOffset => ReadInt64(StoredMessageLayout.QueueOffsetPosition);

    public long PhysicalOffset => ReadInt64(StoredMessageLayout.PhysicalOffsetPosition);

    public int SysFlag => ReadInt32(StoredMessageLayout.SysFlagPosition);

    public long BornTimestamp => ReadInt64(StoredMessageLayout.BornTimestampPosition);

    public long StoreTimestamp => ReadInt64(StoredMessageLayout.StoreTimestampPosition(SysFlag));

    public int ReconsumeTimes => ReadInt32(StoredMessageLayout.ReconsumeTimesPosition(SysFlag));

    public long PreparedTransactionOffset => ReadInt64(StoredMessageLayout.PreparedTransactionOffsetPosition(SysFlag));

    /// <summary>Born host bytes: address (4 or 16) followed by a 4-byte port.</summary>
    public ReadOnlySpan<byte> BornHostBytes =>
        _data.Slice(StoredMessageLayout.BornHostPosition, StoredMessageLayout.BornHostLength(SysFlag));

    /// <summary>Store host bytes: address (4 or 16) followed by a 4-byte port; the prefix of the offset message id.</summary>
    public ReadOnlySpan<byte> StoreHostBytes =>
        _data.Slice(StoredMessageLayout.StoreHostPosition(SysFlag), StoredMessageLayout.StoreHostLength(SysFlag));

    public IPEndPoint GetBornHost() => HostAddress.Read(BornHostBytes);

    public IPEndPoint GetStoreHost() => HostAddress.Read(StoreHostBytes);

    public string GetTopic() => Encoding.UTF8.GetString(TopicUtf8);

    /// <summary>The offset message id of this entry (store host + physical offset).</summary>
    public string CreateOffsetMessageId() => MessageIds.CreateOffsetMessageId(StoreHostBytes, PhysicalOffset);

    /// <summary>
    /// Parses the entry at the start of <paramref name="data"/>. False when the bytes are not a complete,
    /// self-consistent message (wrong magic code, lengths that disagree with the total size, truncation).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out StoredMessageView view)
    {
        view = default;
        if (data.Length < StoredMessageLayout.MinimumLength)
        {
            return false;
        }

        int totalSize = StoredMessageLayout.ReadTotalSize(data);
        if (totalSize < StoredMessageLayout.MinimumLength || totalSize > data.Length
            || StoredMessageLayout.ReadMagicCode(data) != StoredMessageLayout.MagicCode)
        {
            return false;
        }

        var entry = data[..totalSize];
        int position = StoredMessageLayout.BodyLengthPosition(StoredMessageLayout.ReadSysFlag(entry));
        // Java reads the topic length as a signed byte and the properties length as a signed short:
        // negative values are malformed there, so they are here.
        if (!TryTake(entry, ref position, 4, out var field)
            || !TryTake(entry, ref position, BinaryPrimitives.ReadInt32BigEndian(field), out var body)
            || !TryTake(entry, ref position, 1, out field)
            || !TryTake(entry, ref position, (sbyte)field[0], out var topic)
            || !TryTake(entry, ref position, 2, out field)
            || !TryTake(entry, ref position, BinaryPrimitives.ReadInt16BigEndian(field), out var properties)
            || position != totalSize)
        {
            return false;
        }

        view = new StoredMessageView(entry, body, topic, properties);
        return true;
    }

    private static bool TryTake(ReadOnlySpan<byte> entry, scoped ref int position, int count, out ReadOnlySpan<byte> slice)
    {
        if (count < 0 || count > entry.Length - position)
        {
            slice = default;
            return false;
        }

        slice = entry.Slice(position, count);
        position += count;
        return true;
    }

    private int ReadInt32(int position) => BinaryPrimitives.ReadInt32BigEndian(_data[position..]);

    private long ReadInt64(int position) => BinaryPrimitives.ReadInt64BigEndian(_data[position..]);
}
