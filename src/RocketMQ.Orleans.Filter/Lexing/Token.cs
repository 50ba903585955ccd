namespace RocketMQ.Orleans.Filter.Lexing;

/// <summary>One token: its kind, where it starts (1-based line and column, as javacc reports them) and its text.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, int Line, int Column)
{
    public string Image(string source) => Kind == TokenKind.EndOfInput ? "<EOF>" : source.Substring(Start, Length);
}
