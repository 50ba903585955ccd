using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RECALL_MESSAGE (370) response header of RocketMQ 5.3: the recalled message's UNIQ_KEY.</summary>
public sealed class RecallMessageResponseHeader : ICommandHeader<RecallMessageResponseHeader>
{
    public const string MsgIdField = "msgId";

    public string MsgId { get; set; } = string.Empty;

    public static RecallMessageResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        MsgId = HeaderFields.RequiredString(extFields, MsgIdField),
    };

    public void WriteTo(IDictionary<string, string> extFields) => HeaderFields.Put(extFields, MsgIdField, MsgId);
}
