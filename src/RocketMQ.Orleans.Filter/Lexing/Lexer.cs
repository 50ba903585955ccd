namespace RocketMQ.Orleans.Filter.Lexing;

/// <summary>
/// The token manager of Apache's selector grammar, hand-written: tokens are produced on demand (the parser looks at
/// most two tokens ahead, as the javacc parser does, so text after a complete expression is only read that far),
/// reserved words and identifiers ignore case, "--" comments run to the end of a line and "/* */" comments are skipped.
/// </summary>
internal sealed class Lexer(string source)
{
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public string Source => source;

    public Token Next()
    {
        SkipWhitespaceAndComments();
        int start = _position;
        int line = _line;
        int column = start - _lineStart + 1;
        if (start >= source.Length)
        {
            return new Token(TokenKind.EndOfInput, start, 0, line, column);
        }

        char c = source[start];
        var (kind, length) = c switch
        {
            '=' => (TokenKind.Equal, 1),
            '<' when At(start + 1, '>') => (TokenKind.NotEqual, 2),
            '<' when At(start + 1, '=') => (TokenKind.LessOrEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when At(start + 1, '=') => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            '(' => (TokenKind.OpenParenthesis, 1),
            ')' => (TokenKind.CloseParenthesis, 1),
            ',' => (TokenKind.Comma, 1),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '\'' => (TokenKind.StringLiteral, StringLiteralLength(start, line, column)),
            _ when char.IsAsciiDigit(c) || c == '.' => NumberAt(start, line, column),
            _ when IsIdentifierStart(c) => IdentifierAt(start),
            _ => throw LexicalError(line, column, c),
        };

        _position = start + length;
        return new Token(kind, start, length, line, column);
    }

    private bool At(int index, char expected) => index < source.Length && source[index] == expected;

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c == '$';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c);

    private void SkipWhitespaceAndComments()
    {
        while (_position < source.Length)
        {
            char c = source[_position];
            if (c is ' ' or '\t' or '\f')
            {
                _position++;
            }
            else if (c is '\n' or '\r')
            {
                // "\r\n" counts as one line break, as in javacc's SimpleCharStream.
                _position += c == '\r' && At(_position + 1, '\n') ? 2 : 1;
                _line++;
                _lineStart = _position;
            }
            else if (c == '-' && At(_position + 1, '-'))
            {
                // A line comment must end with a line break; without one the longest token is a lone "-" (javacc).
                int end = source.AsSpan(_position).IndexOfAny('\n', '\r');
                if (end < 0)
                {
                    return;
                }

                _position += end;
            }
            else if (c == '/' && At(_position + 1, '*'))
            {
                int end = source.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return;
                }

                for (int i = _position; i < end + 2; i++)
                {
                    if (source[i] == '\n' || (source[i] == '\r' && !At(i + 1, '\n')))
                    {
                        _line++;
                        _lineStart = i + 1;
                    }
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>"'" ( "''" | any but "'" )* "'".</summary>
    private int StringLiteralLength(int start, int line, int column)
    {
        int i = start + 1;
        while (i < source.Length)
        {
            if (source[i] == '\'')
            {
                if (!At(i + 1, '\''))
                {
                    return i + 1 - start;
                }

                i++;
            }

            i++;
        }

        throw new FilterCompileException($"Lexical error at line {line}, column {column}.  Encountered: <EOF> after : \"{source[start..]}\"");
    }

    /// <summary>
    /// The longest of DECIMAL_LITERAL ("0" | [1-9][0-9]* [lL]?) and FLOATING_POINT_LITERAL (digits "." digits? exp?,
    /// "." digits exp?, digits exp), as javacc picks it.
    /// </summary>
    private (TokenKind, int) NumberAt(int start, int line, int column)
    {
        int digitsEnd = DigitsEnd(start);
        int intDigits = digitsEnd - start;
        int floatLength = 0;
        if (At(digitsEnd, '.'))
        {
            int fractionEnd = DigitsEnd(digitsEnd + 1);
            if (intDigits > 0 || fractionEnd > digitsEnd + 1)
            {
                floatLength = ExponentEnd(fractionEnd) - start;
            }
        }
        else if (intDigits > 0)
        {
            int exponentEnd = ExponentEnd(digitsEnd);
            if (exponentEnd > digitsEnd)
            {
                floatLength = exponentEnd - start;
            }
        }

        int decimalLength = 0;
        if (intDigits > 0)
        {
            decimalLength = source[start] == '0' ? 1 : intDigits + (At(digitsEnd, 'l') || At(digitsEnd, 'L') ? 1 : 0);
        }

        if (floatLength == 0 && decimalLength == 0)
        {
            throw LexicalError(line, column, source[start]);
        }

        return floatLength > decimalLength ? (TokenKind.FloatingPointLiteral, floatLength) : (TokenKind.DecimalLiteral, decimalLength);
    }

    private int DigitsEnd(int index)
    {
        while (index < source.Length && char.IsAsciiDigit(source[index]))
        {
            index++;
        }

        return index;
    }

    /// <summary>The end of "E" [+-]? digits+ at <paramref name="index"/>, or <paramref name="index"/> when there is none.</summary>
    private int ExponentEnd(int index)
    {
        if (!(At(index, 'e') || At(index, 'E')))
        {
            return index;
        }

        int digits = index + 1 + (At(index + 1, '+') || At(index + 1, '-') ? 1 : 0);
        int end = DigitsEnd(digits);
        return end > digits ? end : index;
    }

    private (TokenKind, int) IdentifierAt(int start)
    {
        int end = start + 1;
        while (end < source.Length && IsIdentifierPart(source[end]))
        {
            end++;
        }

        var word = source.AsSpan(start, end - start);
        return (Keyword(word), end - start);
    }

    private static TokenKind Keyword(ReadOnlySpan<char> word) => word.Length switch
    {
        2 when word.Equals("OR", StringComparison.OrdinalIgnoreCase) => TokenKind.Or,
        2 when word.Equals("IN", StringComparison.OrdinalIgnoreCase) => TokenKind.In,
        2 when word.Equals("IS", StringComparison.OrdinalIgnoreCase) => TokenKind.Is,
        3 when word.Equals("NOT", StringComparison.OrdinalIgnoreCase) => TokenKind.Not,
        3 when word.Equals("AND", StringComparison.OrdinalIgnoreCase) => TokenKind.And,
        4 when word.Equals("TRUE", StringComparison.OrdinalIgnoreCase) => TokenKind.True,
        4 when word.Equals("NULL", StringComparison.OrdinalIgnoreCase) => TokenKind.Null,
        5 when word.Equals("FALSE", StringComparison.OrdinalIgnoreCase) => TokenKind.False,
        7 when word.Equals("BETWEEN", StringComparison.OrdinalIgnoreCase) => TokenKind.Between,
        _ => TokenKind.Identifier,
    };

    private static FilterCompileException LexicalError(int line, int column, char c) =>
        new($"Lexical error at line {line}, column {column}.  Encountered: \"{c}\" ({(int)c}), after : \"\"");
}
