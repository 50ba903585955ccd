using System.Text.Json;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Cli.Output;

/// <summary>Indented JSON for display.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>A remoting body as the wire carries it, indented.</summary>
    public static string Body<T>(T body)
        where T : IRemotingBody<T>
    {
        using var document = JsonDocument.Parse(body.Encode());
        return JsonSerializer.Serialize(document.RootElement, Options);
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
