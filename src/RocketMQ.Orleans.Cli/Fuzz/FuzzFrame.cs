using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>
/// A request as the fuzzer edits it before encoding: like <see cref="RemotingCommand"/>, but ext fields are an ordered
/// list (so they can be shuffled and duplicated) and the serialize-type byte is free.
/// </summary>
internal sealed class FuzzFrame
{
    public int Code { get; set; }

    public int Language { get; set; }

    public int Version { get; set; }

    public int Opaque { get; set; }

    public int Flag { get; set; }

    public string? Remark { get; set; }

    public List<KeyValuePair<string, string>> ExtFields { get; set; } = [];

    /// <summary>Ext-field values written as raw JSON (numbers, objects) rather than strings; JSON headers only.</summary>
    public bool RawJsonValues { get; set; }

    public byte[] Body { get; set; } = [];

    public byte SerializeType { get; set; }

    public static FuzzFrame From(RemotingCommand command) => new()
    {
        Code = command.Code,
        Language = (int)command.Language,
        Version = command.Version,
        Opaque = command.Opaque,
        Flag = command.Flag,
        Remark = command.Remark,
        ExtFields = command.ExtFields is { } ext ? [.. ext] : [],
        Body = command.Body.ToArray(),
        SerializeType = (byte)command.SerializeType,
    };

    public FuzzFrame Clone() => new()
    {
        Code = Code,
        Language = Language,
        Version = Version,
        Opaque = Opaque,
        Flag = Flag,
        Remark = Remark,
        ExtFields = [.. ExtFields],
        RawJsonValues = RawJsonValues,
        Body = Body,
        SerializeType = SerializeType,
    };
}
