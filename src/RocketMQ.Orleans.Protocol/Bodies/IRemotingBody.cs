using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>A JSON body (Apache <c>RemotingSerializable</c>) or a value nested in one.</summary>
public interface IRemotingBody<TSelf>
    where TSelf : IRemotingBody<TSelf>
{
    /// <summary>Writes this value as fastjson would: fields in alphabetical order, null fields left out.</summary>
    void WriteJson(FastJsonWriter writer);

    /// <summary>Reads a value leniently from a parsed node; throws only <see cref="Remoting.RemotingProtocolException"/>.</summary>
    static abstract TSelf ReadJson(FastJsonNode node);
}
