using System.Net;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>A stored message with its broker-side metadata, as Apache <c>MessageExt</c>.</summary>
public sealed class MessageExt
{
    private static readonly IPEndPoint UnknownHost = new(IPAddress.Any, 0);

    public string Topic { get; set; } = string.Empty;

    public int Flag { get; set; }

    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    public byte[] Body { get; set; } = [];

    public int QueueId { get; set; }

    public int StoreSize { get; set; }

    public long QueueOffset { get; set; }

    public int SysFlag { get; set; }

    public long BornTimestamp { get; set; }

    public IPEndPoint BornHost { get; set; } = UnknownHost;

    public long StoreTimestamp { get; set; }

    public IPEndPoint StoreHost { get; set; } = UnknownHost;

    /// <summary>The offset message id (store host + commit-log offset).</summary>
    public string? MsgId { get; set; }

    public long CommitLogOffset { get; set; }

    public int BodyCrc { get; set; }

    public int ReconsumeTimes { get; set; }

    public long PreparedTransactionOffset { get; set; }

    public string? Tags => GetProperty(MessageConst.PropertyTags);

    public string? Keys => GetProperty(MessageConst.PropertyKeys);

    public string? UniqueKey => GetProperty(MessageConst.PropertyUniqClientMessageIdKeyidx);

    public string? GetProperty(string name) => Properties.GetValueOrDefault(name);

    public void PutProperty(string name, string value) => Properties[name] = value;
}
