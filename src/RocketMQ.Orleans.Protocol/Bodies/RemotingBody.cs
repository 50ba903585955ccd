using System.Buffers;
using RocketMQ.Orleans.Protocol.Bodies.Json;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Encodes bodies to UTF-8 JSON and decodes them from what clients send.</summary>
public static class RemotingBody
{
    public static byte[] Encode<T>(this T body)
        where T : IRemotingBody<T>
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(body, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Encode<T>(this T body, IBufferWriter<byte> output)
        where T : IRemotingBody<T>
    {
        ArgumentNullException.ThrowIfNull(body);
        body.WriteJson(new FastJsonWriter(output));
    }

    /// <summary>Decodes a body; malformed input throws <see cref="RemotingProtocolException"/> with <see cref="RemotingProtocolError.BadJson"/>.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> utf8Json)
        where T : IRemotingBody<T> =>
        T.ReadJson(FastJsonReader.Parse(utf8Json));

    public static bool TryDecode<T>(ReadOnlySpan<byte> utf8Json, out T? body)
        where T : IRemotingBody<T>
    {
        try
        {
            body = Decode<T>(utf8Json);
            return true;
        }
        catch (RemotingProtocolException)
        {
            body = default;
            return false;
        }
    }
}
