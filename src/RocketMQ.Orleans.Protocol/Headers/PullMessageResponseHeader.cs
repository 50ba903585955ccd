using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>PULL_MESSAGE response header; every pull reply needs all four fields (ali-ons computes its next offset from them). Ext-field names are the Java field names.</summary>
public sealed class PullMessageResponseHeader : ICommandHeader<PullMessageResponseHeader>
{
    public const string SuggestWhichBrokerIdField = "suggestWhichBrokerId";
    public const string NextBeginOffsetField = "nextBeginOffset";
    public const string MinOffsetField = "minOffset";
    public const string MaxOffsetField = "maxOffset";

    public long SuggestWhichBrokerId { get; set; }

    public long NextBeginOffset { get; set; }

    public long MinOffset { get; set; }

    public long MaxOffset { get; set; }

    public static PullMessageResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        SuggestWhichBrokerId = HeaderFields.RequiredInt64(extFields, SuggestWhichBrokerIdField),
        NextBeginOffset = HeaderFields.RequiredInt64(extFields, NextBeginOffsetField),
        MinOffset = HeaderFields.RequiredInt64(extFields, MinOffsetField),
        MaxOffset = HeaderFields.RequiredInt64(extFields, MaxOffsetField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, SuggestWhichBrokerIdField, SuggestWhichBrokerId);
        HeaderFields.Put(extFields, NextBeginOffsetField, NextBeginOffset);
        HeaderFields.Put(extFields, MinOffsetField, MinOffset);
        HeaderFields.Put(extFields, MaxOffsetField, MaxOffset);
    }
}
