using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>GET_ROUTEINFO_BY_TOPIC request header. Ext-field names are the Java field names.</summary>
public sealed class GetRouteInfoRequestHeader : ICommandHeader<GetRouteInfoRequestHeader>
{
    public const string TopicField = "topic";
    public const string AcceptStandardJsonOnlyField = "acceptStandardJsonOnly";

    public string Topic { get; set; } = string.Empty;

    public bool? AcceptStandardJsonOnly { get; set; }

    public static GetRouteInfoRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        AcceptStandardJsonOnly = HeaderFields.OptionalBoolean(extFields, AcceptStandardJsonOnlyField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, AcceptStandardJsonOnlyField, AcceptStandardJsonOnly);
    }
}
