namespace RocketMQ.Orleans.Filter.Lexing;

/// <summary>The tokens of Apache's SelectorParser.jj (RocketMQ 4.9.8): reserved words, literals, identifiers, operators.</summary>
internal enum TokenKind
{
    EndOfInput,
    Not,
    And,
    Or,
    Between,
    In,
    True,
    False,
    Null,
    Is,
    DecimalLiteral,
    FloatingPointLiteral,
    StringLiteral,
    Identifier,
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    OpenParenthesis,
    CloseParenthesis,
    Comma,
    Plus,
    Minus,
}
