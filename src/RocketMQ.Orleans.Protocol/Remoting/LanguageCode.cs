namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>The sender's language, as Apache RocketMQ <c>LanguageCode</c>; JSON headers carry the name.</summary>
public enum LanguageCode : byte
{
    JAVA = 0,
    CPP = 1,
    DOTNET = 2,
    PYTHON = 3,
    DELPHI = 4,
    ERLANG = 5,
    RUBY = 6,
    OTHER = 7,
    HTTP = 8,
    GO = 9,
    PHP = 10,
    OMS = 11,
    RUST = 12,
    NODE_JS = 13,
}
