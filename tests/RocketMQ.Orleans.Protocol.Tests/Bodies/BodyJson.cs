using System.Text;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Protocol.Tests.Bodies;

internal static class BodyJson
{
    public static string Text<T>(T body)
        where T : IRemotingBody<T> => Encoding.UTF8.GetString(body.Encode());

    public static T Decode<T>(string json)
        where T : IRemotingBody<T> => RemotingBody.Decode<T>(Encoding.UTF8.GetBytes(json));

    /// <summary>Encodes, decodes and encodes again: the two texts must match.</summary>
    public static T RoundTrip<T>(T body)
        where T : IRemotingBody<T>
    {
        string first = Text(body);
        var decoded = Decode<T>(first);
        Assert.Equal(first, Text(decoded));
        return decoded;
    }
}
