using System.Text;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Bodies.Json;

/// <summary>
/// Parses JSON as strictly as clients write it and as leniently as fastjson reads it: map keys may be bare
/// numbers or words (<c>{0:"a"}</c>), objects (<c>{{"topic":"t",…}:1}</c>) or single-quoted strings; strings
/// may be single-quoted; surplus commas are skipped. Anything after the value other than whitespace is an
/// error, as fastjson's <c>parseObject</c> reports. Every failure is a <see cref="RemotingProtocolException"/>
/// with <see cref="RemotingProtocolError.BadJson"/>.
/// </summary>
public ref struct FastJsonReader
{
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _json;
    private int _pos;
    private int _depth;

    private FastJsonReader(ReadOnlySpan<byte> json)
    {
        _json = json;
        _pos = json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
    }

    public static FastJsonNode Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new FastJsonReader(utf8Json);
        var root = reader.ReadValue();
        reader.SkipWhitespace();
        if (reader._pos != utf8Json.Length)
        {
            throw reader.Error("unexpected data after the JSON value");
        }

        return root;
    }

    private FastJsonNode ReadValue()
    {
        SkipWhitespace();
        if (_pos >= _json.Length)
        {
            throw Error("unexpected end of input");
        }

        byte b = _json[_pos];
        switch (b)
        {
            case (byte)'{':
                return ReadObject();
            case (byte)'[':
                return ReadArray();
            case (byte)'"':
            case (byte)'\'':
                return new FastJsonNode(FastJsonKind.String, ReadString(b));
            case (byte)'-':
                return ReadNumber();
            default:
                if (IsDigit(b))
                {
                    return ReadNumber();
                }

                if (IsWordByte(b))
                {
                    return ReadWord() switch
                    {
                        "true" => new FastJsonNode(FastJsonKind.True, null),
                        "false" => new FastJsonNode(FastJsonKind.False, null),
                        "null" or "undefined" => FastJsonNode.NullValue,
                        var word => throw Error($"unexpected word '{Truncate(word)}'"),
                    };
                }

                throw Error($"unexpected byte 0x{b:X2}");
        }
    }

    private FastJsonNode ReadKey()
    {
        SkipWhitespace();
        if (_pos < _json.Length && IsWordByte(_json[_pos]))
        {
            return new FastJsonNode(FastJsonKind.String, ReadWord());
        }

        return ReadValue();
    }

    private FastJsonNode ReadObject()
    {
        Enter();
        _pos++;
        var members = new List<KeyValuePair<FastJsonNode, FastJsonNode>>();
        while (true)
        {
            SkipCommas();
            if (Peek() == '}')
            {
                _pos++;
                break;
            }

            var key = ReadKey();
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Error("expected ':' after a key");
            }

            _pos++;
            members.Add(new(key, ReadValue()));
            SkipWhitespace();
            int next = Peek();
            _pos++;
            if (next == '}')
            {
                break;
            }

            if (next != ',')
            {
                throw Error("expected ',' or '}' in an object");
            }
        }

        _depth--;
        return new FastJsonNode(members);
    }

    private FastJsonNode ReadArray()
    {
        Enter();
        _pos++;
        var items = new List<FastJsonNode>();
        while (true)
        {
            SkipCommas();
            if (Peek() == ']')
            {
                _pos++;
                break;
            }

            items.Add(ReadValue());
            SkipWhitespace();
            int next = Peek();
            _pos++;
            if (next == ']')
            {
                break;
            }

            if (next != ',')
            {
                throw Error("expected ',' or ']' in an array");
            }
        }

        _depth--;
        return new FastJsonNode(items);
    }

    private string ReadString(byte quote)
    {
        int start = ++_pos;
        int end = _json[start..].IndexOfAny(quote, (byte)'\\');
        if (end >= 0 && _json[start + end] == quote)
        {
            _pos = start + end + 1;
            return Encoding.UTF8.GetString(_json.Slice(start, end));
        }

        var text = new StringBuilder();
        while (true)
        {
            if (_pos >= _json.Length)
            {
                throw Error("unterminated string");
            }

            int run = _json[_pos..].IndexOfAny(quote, (byte)'\\');
            if (run < 0)
            {
                throw Error("unterminated string");
            }

            text.Append(Encoding.UTF8.GetString(_json.Slice(_pos, run)));
            _pos += run;
            if (_json[_pos] == quote)
            {
                _pos++;
                return text.ToString();
            }

            _pos++;
            text.Append(ReadEscape());
        }
    }

    private char ReadEscape()
    {
        int c = Peek();
        _pos++;
        return c switch
        {
            '"' => '"',
            '\'' => '\'',
            '\\' => '\\',
            '/' => '/',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => (char)ReadHex(4),
            'x' => (char)ReadHex(2),
            _ => throw Error("invalid escape sequence"),
        };
    }

    private int ReadHex(int digits)
    {
        if (_pos + digits > _json.Length)
        {
            throw Error("truncated escape sequence");
        }

        int value = 0;
        for (int i = 0; i < digits; i++)
        {
            int d = HexValue(_json[_pos++]);
            if (d < 0)
            {
                throw Error("invalid hex digit in an escape sequence");
            }

            value = (value << 4) | d;
        }

        return value;
    }

    private FastJsonNode ReadNumber()
    {
        int start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        RequireDigits();
        if (Peek() == '.')
        {
            _pos++;
            RequireDigits();
        }

        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            RequireDigits();
        }

        string text = Encoding.ASCII.GetString(_json[start.._pos]);

        // fastjson's type suffixes (WriteClassName output such as 5L); the value is the number before it.
        if (Peek() is 'L' or 'S' or 'B' or 'F' or 'D')
        {
            _pos++;
        }

        return new FastJsonNode(FastJsonKind.Number, text);
    }

    private void RequireDigits()
    {
        int start = _pos;
        while (_pos < _json.Length && IsDigit(_json[_pos]))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error("malformed number");
        }
    }

    private string ReadWord()
    {
        int start = _pos;
        while (_pos < _json.Length && (IsWordByte(_json[_pos]) || IsDigit(_json[_pos])))
        {
            _pos++;
        }

        return Encoding.UTF8.GetString(_json[start.._pos]);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error("nested too deeply");
        }
    }

    // fastjson skips surplus commas ("[1,,2]", "{,}"); so do we.
    private void SkipCommas()
    {
        SkipWhitespace();
        while (Peek() == ',')
        {
            _pos++;
            SkipWhitespace();
        }
    }

    private void SkipWhitespace()
    {
        // fastjson also counts \b and \f as whitespace between tokens.
        while (_pos < _json.Length && _json[_pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\b' or (byte)'\f')
        {
            _pos++;
        }
    }

    private readonly int Peek() => _pos < _json.Length ? _json[_pos] : -1;

    private readonly RemotingProtocolException Error(string what) =>
        new(RemotingProtocolError.BadJson, $"Malformed JSON body at byte {_pos}: {what}.");

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool IsWordByte(byte b) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'_' or (byte)'$' or >= 0x80;

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static string Truncate(string word) => word.Length <= 32 ? word : word[..32] + "…";
}
