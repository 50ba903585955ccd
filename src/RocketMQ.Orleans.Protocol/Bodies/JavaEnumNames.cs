using RocketMQ.Orleans.Protocol.Bodies.Json;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Java enum names as fastjson writes them (WriteEnumUsingName), indexed by ordinal, so no Enum reflection
/// is needed. fastjson also reads an enum from its ordinal, so a number is accepted too.
/// </summary>
public static class JavaEnumNames
{
    private static readonly string[] ConsumeTypes = ["CONSUME_ACTIVELY", "CONSUME_PASSIVELY"];
    private static readonly string[] MessageModels = ["BROADCASTING", "CLUSTERING"];
    private static readonly string[] TopicFilterTypes = ["SINGLE_TAG", "MULTI_TAG"];
    private static readonly string[] ConsumeFromWheres =
    [
        "CONSUME_FROM_LAST_OFFSET",
        "CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST",
        "CONSUME_FROM_MIN_OFFSET",
        "CONSUME_FROM_MAX_OFFSET",
        "CONSUME_FROM_FIRST_OFFSET",
        "CONSUME_FROM_TIMESTAMP",
    ];

    public static string Of(ConsumeType value) => Name(ConsumeTypes, (int)value);

    public static string Of(MessageModel value) => Name(MessageModels, (int)value);

    public static string Of(ConsumeFromWhere value) => Name(ConsumeFromWheres, (int)value);

    public static string Of(TopicFilterType value) => Name(TopicFilterTypes, (int)value);

    public static ConsumeType ReadConsumeType(FastJsonNode? node) => (ConsumeType)Ordinal(ConsumeTypes, node, nameof(ConsumeType));

    public static MessageModel ReadMessageModel(FastJsonNode? node) => (MessageModel)Ordinal(MessageModels, node, nameof(MessageModel));

    public static ConsumeFromWhere ReadConsumeFromWhere(FastJsonNode? node) => (ConsumeFromWhere)Ordinal(ConsumeFromWheres, node, nameof(ConsumeFromWhere));

    public static TopicFilterType ReadTopicFilterType(FastJsonNode? node) => (TopicFilterType)Ordinal(TopicFilterTypes, node, nameof(TopicFilterType));

    public static LanguageCode ReadLanguage(FastJsonNode? node)
    {
        if (node?.Kind == FastJsonKind.Number)
        {
            int ordinal = node.AsInt32();
            return ordinal is >= 0 and <= byte.MaxValue && Enum.IsDefined((LanguageCode)ordinal) ? (LanguageCode)ordinal : LanguageCode.OTHER;
        }

        return LanguageOf(node.AsString());
    }

    /// <summary>A language by its Java name (a RocketMQ 5 client's x-mq-language too); the language is informational, so an unknown name is OTHER, as in the header codec.</summary>
    public static LanguageCode LanguageOf(string? name) =>
        name is not null && Enum.TryParse(name, ignoreCase: false, out LanguageCode code) && Enum.IsDefined(code) ? code : LanguageCode.OTHER;

    private static string Name(string[] names, int ordinal) =>
        (uint)ordinal < (uint)names.Length ? names[ordinal] : throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, "Not a defined enum value.");

    private static int Ordinal(string[] names, FastJsonNode? node, string typeName)
    {
        if (node is null || node.IsNull)
        {
            return 0;
        }

        if (node.Kind == FastJsonKind.Number)
        {
            long ordinal = node.AsInt64();
            return ordinal >= 0 && ordinal < names.Length ? (int)ordinal : throw FastJsonConvert.Bad($"{ordinal} is not a {typeName} ordinal");
        }

        string? name = node.AsString();
        int index = Array.IndexOf(names, name);
        return index >= 0 ? index : throw FastJsonConvert.Bad($"unknown {typeName} '{name}'");
    }
}
