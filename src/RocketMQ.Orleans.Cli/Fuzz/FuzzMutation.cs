namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>
/// The mutation classes. Names are what <c>rmq fuzz --exclude</c> takes, so a class that finds a known crash owned
/// elsewhere can be left out of a round while the rest still runs.
/// </summary>
internal enum FuzzMutation
{
    /// <summary>The valid seed, unchanged (the control: it must be answered).</summary>
    Valid,

    // Edits of the request before it is encoded.
    RandomCode,
    FlagBits,
    SerializeType,
    LanguageVersion,
    ExtShuffle,
    ExtDuplicate,
    ExtRemove,
    ExtHugeValue,
    ExtManyFields,
    ExtGarbageValue,

    /// <summary>Ext-field values that are empty or only whitespace (blank names, blank grain keys).</summary>
    ExtBlankValue,
    ExtRawJson,
    GarbageBody,
    BodyBitFlip,
    HugeRemark,

    // Edits of the encoded bytes.
    BitFlip,
    InterestingBytes,
    Truncate,
    TruncateIncomplete,
    TotalLengthGrow,
    TotalLengthShrink,
    TotalLengthExtreme,
    HeaderLength,
    AppendGarbage,
}
