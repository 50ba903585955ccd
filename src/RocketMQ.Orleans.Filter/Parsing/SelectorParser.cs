using System.Globalization;
using RocketMQ.Orleans.Filter.Lexing;
using RocketMQ.Orleans.Filter.Nodes;

namespace RocketMQ.Orleans.Filter.Parsing;

/// <summary>
/// Recursive descent over Apache RocketMQ 4.9.8's SelectorParser.jj, rule for rule:
/// <code>
/// selector   := or
/// or         := and (OR and)*
/// and        := equality (AND equality)*
/// equality   := comparison ( "=" comparison | "&lt;&gt;" comparison | IS NULL | IS NOT NULL )*
/// comparison := unary ( (">"|">="|"&lt;"|"&lt;=") unary | [NOT] BETWEEN unary AND unary | [NOT] IN "(" string ("," string)* ")" )*
/// unary      := "+" unary | "-" unary | NOT unary | primary
/// primary    := literal | identifier | "(" or ")"
/// </code>
/// As in Apache, the expression ends where the grammar ends: text after it is not read further than the one token the
/// parser looked at (so <c>a = 1 b</c> is accepted as <c>a = 1</c>). Node construction goes through
/// <see cref="NodeFactory"/>, which applies Apache's operand checks.
/// <para>
/// Unlike Apache, input is bounded (<see cref="Sql92FilterLimits"/>): the text's length is checked before lexing, and
/// the depth before each step deeper — the open parentheses and unary operators on the parser's stack, and the tree
/// depth of every node built — so neither this parser nor the evaluator recurses more than the limit allows.
/// </para>
/// </summary>
internal sealed class SelectorParser
{
    private readonly Lexer _lexer;
    private readonly Sql92FilterLimits _limits;
    private Token _current;
    private int _nesting;

    private SelectorParser(string source, Sql92FilterLimits limits)
    {
        _limits = limits;
        _lexer = new Lexer(source);
        _current = _lexer.Next();
    }

    public static FilterNode Parse(string expression, Sql92FilterLimits limits)
    {
        if (expression.Length > limits.MaxExpressionLength)
        {
            throw new FilterCompileException(limits.TooLong(expression.Length));
        }

        var parser = new SelectorParser(expression, limits);
        return parser.Bounded(NodeFactory.AsBoolean(parser.Or()));
    }

    /// <summary>The node, once it is known to be no deeper than the limit.</summary>
    private FilterNode Bounded(FilterNode node) =>
        node.Depth + _nesting <= _limits.MaxDepth ? node : throw new FilterCompileException(_limits.TooDeep());

    /// <summary>One level deeper on the parser's own stack (a parenthesis or a unary operator), refused past the limit.</summary>
    private void Enter()
    {
        if (++_nesting > _limits.MaxDepth)
        {
            throw new FilterCompileException(_limits.TooDeep());
        }
    }

    private FilterNode Or()
    {
        var left = And();
        while (Accept(TokenKind.Or))
        {
            left = Bounded(NodeFactory.Or(left, And()));
        }

        return left;
    }

    private FilterNode And()
    {
        var left = Equality();
        while (Accept(TokenKind.And))
        {
            left = Bounded(NodeFactory.And(left, Equality()));
        }

        return left;
    }

    private FilterNode Equality()
    {
        var left = Comparison();
        while (true)
        {
            if (Accept(TokenKind.Equal))
            {
                left = Bounded(NodeFactory.Equal(left, Comparison()));
            }
            else if (Accept(TokenKind.NotEqual))
            {
                left = Bounded(NodeFactory.NotEqual(left, Comparison()));
            }
            else if (Accept(TokenKind.Is))
            {
                bool not = Accept(TokenKind.Not);
                Expect(TokenKind.Null, not ? "\"NULL\"" : "\"NOT\", \"NULL\"");
                left = Bounded(not ? NodeFactory.IsNotNull(left) : NodeFactory.IsNull(left));
            }
            else
            {
                return left;
            }
        }
    }

    private FilterNode Comparison()
    {
        var left = Unary();
        while (true)
        {
            switch (_current.Kind)
            {
                case TokenKind.Greater:
                case TokenKind.GreaterOrEqual:
                case TokenKind.Less:
                case TokenKind.LessOrEqual:
                    var op = Operator(Take().Kind);
                    left = Bounded(NodeFactory.Relational(left, Unary(), op));
                    break;
                case TokenKind.Between:
                    Take();
                    left = Bounded(Between(left, not: false));
                    break;
                case TokenKind.In:
                    Take();
                    left = Bounded(NodeFactory.In(left, StringList(), not: false));
                    break;
                case TokenKind.Not:
                    // As javacc: a NOT here must start NOT BETWEEN or NOT IN.
                    Take();
                    if (Accept(TokenKind.Between))
                    {
                        left = Bounded(Between(left, not: true));
                    }
                    else
                    {
                        Expect(TokenKind.In, "\"BETWEEN\", \"IN\"");
                        left = Bounded(NodeFactory.In(left, StringList(), not: true));
                    }

                    break;
                default:
                    return left;
            }
        }
    }

    private FilterNode Between(FilterNode value, bool not)
    {
        var low = Unary();
        Expect(TokenKind.And, "\"AND\"");
        var high = Unary();
        return not ? NodeFactory.NotBetween(value, low, high) : NodeFactory.Between(value, low, high);
    }

    private List<string> StringList()
    {
        Expect(TokenKind.OpenParenthesis, "\"(\"");
        var values = new List<string> { StringLiteral() };
        while (Accept(TokenKind.Comma))
        {
            values.Add(StringLiteral());
        }

        Expect(TokenKind.CloseParenthesis, "\",\", \")\"");
        return values;
    }

    private FilterNode Unary()
    {
        if (Accept(TokenKind.Plus))
        {
            return Nested(static parser => parser.Unary());
        }

        if (Accept(TokenKind.Minus))
        {
            return Nested(static parser => new NegateNode(parser.Unary()));
        }

        if (Accept(TokenKind.Not))
        {
            return Nested(static parser => new NotNode(NodeFactory.AsBoolean(parser.Unary())));
        }

        return Primary();
    }

    /// <summary>Parses one level deeper: counted before descending, so a chain of operators stops at the limit.</summary>
    private FilterNode Nested(Func<SelectorParser, FilterNode> parse)
    {
        Enter();
        var node = parse(this);
        _nesting--;
        return Bounded(node);
    }

    private FilterNode Primary()
    {
        switch (_current.Kind)
        {
            case TokenKind.StringLiteral:
                return ConstantNode.FromString(StringLiteral());
            case TokenKind.DecimalLiteral:
                return Decimal(Image(Take()));
            case TokenKind.FloatingPointLiteral:
                return Float(Image(Take()));
            case TokenKind.True:
                Take();
                return BooleanConstantNode.True;
            case TokenKind.False:
                Take();
                return BooleanConstantNode.False;
            case TokenKind.Null:
                Take();
                return BooleanConstantNode.Null;
            case TokenKind.Identifier:
                return new PropertyNode(Image(Take()));
            case TokenKind.OpenParenthesis:
                Take();
                return Nested(static parser =>
                {
                    var inner = parser.Or();
                    parser.Expect(TokenKind.CloseParenthesis, "\")\"");
                    return inner;
                });
            default:
                throw Unexpected("a literal, a property or \"(\"");
        }
    }

    /// <summary>The literal between the quotes, "''" read as one quote.</summary>
    private string StringLiteral()
    {
        if (_current.Kind != TokenKind.StringLiteral)
        {
            throw Unexpected("<STRING_LITERAL>");
        }

        var image = Image(Take());
        return image[1..^1].Replace("''", "'", StringComparison.Ordinal);
    }

    /// <summary>Apache createFromDecimal: an optional l/L dropped, Long range, Integer when it fits.</summary>
    private static ConstantNode Decimal(string image)
    {
        var digits = image.EndsWith('l') || image.EndsWith('L') ? image[..^1] : image;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            throw new FilterCompileException($"For input string: \"{digits}\"");
        }

        return ConstantNode.FromInteger(value);
    }

    /// <summary>Apache createFloat: a double that is finite and not below Double.MIN_VALUE (so 0.0 is refused too).</summary>
    private static ConstantNode Float(string image)
    {
        double value = double.Parse(image, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        if (value > double.MaxValue)
        {
            throw new FilterCompileException($"{image} is greater than 1.7976931348623157E308");
        }

        if (value < double.Epsilon)
        {
            throw new FilterCompileException($"{image} is less than 4.9E-324");
        }

        return ConstantNode.FromDouble(value);
    }

    private static RelationalOperator Operator(TokenKind kind) => kind switch
    {
        TokenKind.Greater => RelationalOperator.Greater,
        TokenKind.GreaterOrEqual => RelationalOperator.GreaterOrEqual,
        TokenKind.Less => RelationalOperator.Less,
        _ => RelationalOperator.LessOrEqual,
    };

    private string Image(Token token) => token.Image(_lexer.Source);

    private Token Take()
    {
        var taken = _current;
        _current = _lexer.Next();
        return taken;
    }

    private bool Accept(TokenKind kind)
    {
        if (_current.Kind != kind)
        {
            return false;
        }

        Take();
        return true;
    }

    private void Expect(TokenKind kind, string expected)
    {
        if (!Accept(kind))
        {
            throw Unexpected(expected);
        }
    }

    private FilterCompileException Unexpected(string expected) =>
        new($"Encountered \"{Image(_current)}\" at line {_current.Line}, column {_current.Column}. Was expecting: {expected}");
}
