namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>A request or response of the remoting protocol (Apache <c>RemotingCommand</c>).</summary>
public sealed class RemotingCommand
{
    private const int ResponseFlag = 1 << 0;
    private const int OnewayFlag = 1 << 1;

    private static int _nextOpaque;

    public int Code { get; set; }

    /// <summary>Sender's language; JAVA by default, as every Apache broker answers.</summary>
    public LanguageCode Language { get; set; } = LanguageCode.JAVA;

    public int Version { get; set; }

    /// <summary>Correlates a response with its request.</summary>
    public int Opaque { get; set; }

    public int Flag { get; set; }

    public string? Remark { get; set; }

    public Dictionary<string, string>? ExtFields { get; set; }

    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Header encoding; a response uses its request's.</summary>
    public SerializeType SerializeType { get; set; } = SerializeType.Json;

    public bool IsResponse => (Flag & ResponseFlag) != 0;

    public bool IsOneway => (Flag & OnewayFlag) != 0;

    /// <summary>A request with a fresh process-wide opaque.</summary>
    public static RemotingCommand CreateRequest(int code, Dictionary<string, string>? extFields = null, ReadOnlyMemory<byte> body = default) => new()
    {
        Code = code,
        Opaque = Interlocked.Increment(ref _nextOpaque),
        ExtFields = extFields,
        Body = body,
    };

    /// <summary>A request whose ext fields come from a typed header.</summary>
    public static RemotingCommand CreateRequest<THeader>(int code, THeader header, ReadOnlyMemory<byte> body = default)
        where THeader : ICommandHeader
    {
        var command = CreateRequest(code, body: body);
        command.WriteHeader(header);
        return command;
    }

    /// <summary>A response not yet tied to a request; see <see cref="CreateResponseTo"/>.</summary>
    public static RemotingCommand CreateResponse(int code, string? remark = null)
    {
        var command = new RemotingCommand { Code = code, Remark = remark };
        command.MarkResponse();
        return command;
    }

    /// <summary>A response to <paramref name="request"/>: same opaque and same header encoding.</summary>
    public RemotingCommand CreateResponseTo(int code, string? remark = null)
    {
        var response = CreateResponse(code, remark);
        response.Opaque = Opaque;
        response.SerializeType = SerializeType;
        return response;
    }

    public void MarkResponse() => Flag |= ResponseFlag;

    public void MarkOneway() => Flag |= OnewayFlag;

    public string? GetExtField(string name) => ExtFields?.GetValueOrDefault(name);

    /// <summary>Decodes a typed header from <see cref="ExtFields"/>; throws <see cref="RemotingProtocolException"/>.</summary>
    public THeader ReadHeader<THeader>()
        where THeader : ICommandHeader<THeader> => THeader.FromExtFields(ExtFields);

    /// <summary>Adds a typed header's fields to <see cref="ExtFields"/> (created if absent).</summary>
    public void WriteHeader<THeader>(THeader header)
        where THeader : ICommandHeader
    {
        ArgumentNullException.ThrowIfNull(header);
        header.WriteTo(ExtFields ??= new Dictionary<string, string>(StringComparer.Ordinal));
    }

    public override string ToString() =>
        $"RemotingCommand [code={Code}, language={Language}, version={Version}, opaque={Opaque}, flag={Flag}, remark={Remark}, extFields={ExtFields?.Count ?? 0}, body={Body.Length}, serializeType={SerializeType}]";
}
