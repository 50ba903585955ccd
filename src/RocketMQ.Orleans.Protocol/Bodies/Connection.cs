using RocketMQ.Orleans.Protocol.Bodies.Json;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>Connection</c>: one connected client in a <see cref="ConsumerConnection"/>.</summary>
public sealed class Connection : IRemotingBody<Connection>
{
    public string ClientId { get; set; } = string.Empty;

    public string ClientAddr { get; set; } = string.Empty;

    public LanguageCode Language { get; set; }

    public int Version { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("clientAddr"u8, ClientAddr);
        writer.Property("clientId"u8, ClientId);
        writer.Property("language"u8, LanguageNames.Of(Language));
        writer.Property("version"u8, Version);
        writer.EndObject();
    }

    public static Connection ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(Connection));
        return new Connection
        {
            ClientAddr = node.Property("clientAddr").AsString() ?? string.Empty,
            ClientId = node.Property("clientId").AsString() ?? string.Empty,
            Language = JavaEnumNames.ReadLanguage(node.Property("language")),
            Version = node.Property("version").AsInt32(),
        };
    }
}
