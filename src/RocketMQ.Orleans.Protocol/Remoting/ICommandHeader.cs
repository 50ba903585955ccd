namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>A typed header that writes itself into a command's ext fields.</summary>
public interface ICommandHeader
{
    /// <summary>Writes the non-null fields under their Java field names.</summary>
    void WriteTo(IDictionary<string, string> extFields);
}

/// <summary>A typed header that can also be read back from ext fields.</summary>
public interface ICommandHeader<TSelf> : ICommandHeader
    where TSelf : ICommandHeader<TSelf>
{
    /// <summary>
    /// Reads the header; a missing required field throws <see cref="RemotingProtocolException"/> with
    /// <see cref="RemotingProtocolError.MissingHeaderField"/>, an unparsable one <see cref="RemotingProtocolError.BadHeaderField"/>.
    /// </summary>
    static abstract TSelf FromExtFields(IReadOnlyDictionary<string, string>? extFields);
}
