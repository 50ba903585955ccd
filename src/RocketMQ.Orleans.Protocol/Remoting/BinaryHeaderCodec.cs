using System.Buffers.Binary;
using System.Text;

namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>
/// The ROCKETMQ binary header (Apache <c>RocketMQSerializable</c>): code int16, language byte,
/// version int16, opaque int32, flag int32, remark (int32 length + UTF-8), ext fields (int32 total
/// length + entries of int16 key length + key + int32 value length + value). Big-endian.
/// </summary>
internal static class BinaryHeaderCodec
{
    /// <summary>code + language + version + opaque + flag + remark length.</summary>
    private const int FixedLength = 2 + 1 + 2 + 4 + 4 + 4;

    public static int GetLength(RemotingCommand command)
    {
        long length = FixedLength + 4 + Utf8Length(command.Remark);
        if (command.ExtFields is { } ext)
        {
            foreach (var (key, value) in ext)
            {
                if (key is not null && value is not null)
                {
                    int keyLength = Encoding.UTF8.GetByteCount(key);
                    if (keyLength > short.MaxValue)
                    {
                        throw new InvalidOperationException($"Ext-field key of {keyLength} bytes exceeds the {short.MaxValue} a ROCKETMQ header allows.");
                    }

                    length += 2 + keyLength + 4 + Encoding.UTF8.GetByteCount(value);
                }
            }
        }

        return length <= RemotingCommandCodec.MaxHeaderLength
            ? (int)length
            : throw new InvalidOperationException($"The header would be {length} bytes; the frame allows {RemotingCommandCodec.MaxHeaderLength}.");
    }

    /// <summary>Writes the header; <paramref name="dest"/> must hold <see cref="GetLength"/> bytes.</summary>
    public static void Write(RemotingCommand command, Span<byte> dest)
    {
        BinaryPrimitives.WriteInt16BigEndian(dest, unchecked((short)command.Code));
        dest[2] = (byte)command.Language;
        BinaryPrimitives.WriteInt16BigEndian(dest[3..], unchecked((short)command.Version));
        BinaryPrimitives.WriteInt32BigEndian(dest[5..], command.Opaque);
        BinaryPrimitives.WriteInt32BigEndian(dest[9..], command.Flag);
        int position = 13;
        position += WriteString(dest[position..], command.Remark, shortLength: false);

        int mapLengthPosition = position;
        position += 4;
        if (command.ExtFields is { } ext)
        {
            foreach (var (key, value) in ext)
            {
                if (key is not null && value is not null)
                {
                    position += WriteString(dest[position..], key, shortLength: true);
                    position += WriteString(dest[position..], value, shortLength: false);
                }
            }
        }

        BinaryPrimitives.WriteInt32BigEndian(dest[mapLengthPosition..], position - mapLengthPosition - 4);
    }

    public static RemotingCommand Read(ReadOnlySpan<byte> header)
    {
        if (header.Length < FixedLength)
        {
            throw new RemotingProtocolException(RemotingProtocolError.TruncatedHeader, $"A ROCKETMQ header needs at least {FixedLength + 4} bytes; got {header.Length}.");
        }

        byte language = header[2];
        var command = new RemotingCommand
        {
            Code = BinaryPrimitives.ReadInt16BigEndian(header),
            Language = Enum.IsDefined((LanguageCode)language) ? (LanguageCode)language : LanguageCode.OTHER,
            Version = BinaryPrimitives.ReadInt16BigEndian(header[3..]),
            Opaque = BinaryPrimitives.ReadInt32BigEndian(header[5..]),
            Flag = BinaryPrimitives.ReadInt32BigEndian(header[9..]),
            SerializeType = SerializeType.RocketMQ,
        };

        var rest = header[13..];
        command.Remark = ReadString(ref rest, shortLength: false, "remark");
        if (rest.Length < 4)
        {
            throw new RemotingProtocolException(RemotingProtocolError.TruncatedHeader, "The ROCKETMQ header ends before its ext-fields length.");
        }

        int mapLength = BinaryPrimitives.ReadInt32BigEndian(rest);
        rest = rest[4..];
        if (mapLength < 0 || mapLength > rest.Length)
        {
            throw new RemotingProtocolException(RemotingProtocolError.BadBinaryHeader, $"Ext-fields length {mapLength} does not fit the {rest.Length} header bytes left.");
        }

        if (mapLength > 0)
        {
            command.ExtFields = ReadMap(rest[..mapLength]);
        }

        return command;
    }

    private static Dictionary<string, string> ReadMap(ReadOnlySpan<byte> map)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!map.IsEmpty)
        {
            string? key = ReadString(ref map, shortLength: true, "ext-field key");
            string? value = ReadString(ref map, shortLength: false, "ext-field value");
            // Java reads an empty string as null: the field is then absent for header decoding.
            if (key is not null && value is not null)
            {
                fields[key] = value;
            }
        }

        return fields;
    }

    private static string? ReadString(ref ReadOnlySpan<byte> source, bool shortLength, string what)
    {
        int width = shortLength ? 2 : 4;
        if (source.Length < width)
        {
            throw new RemotingProtocolException(RemotingProtocolError.BadBinaryHeader, $"The ROCKETMQ header ends inside the length of a {what}.");
        }

        int length = shortLength ? BinaryPrimitives.ReadInt16BigEndian(source) : BinaryPrimitives.ReadInt32BigEndian(source);
        source = source[width..];
        if (length < 0 || length > source.Length)
        {
            throw new RemotingProtocolException(RemotingProtocolError.BadBinaryHeader, $"A {what} declares {length} bytes; {source.Length} are left in the header.");
        }

        string? value = length == 0 ? null : Encoding.UTF8.GetString(source[..length]);
        source = source[length..];
        return value;
    }

    private static int WriteString(Span<byte> dest, string? value, bool shortLength)
    {
        int width = shortLength ? 2 : 4;
        int written = string.IsNullOrEmpty(value) ? 0 : Encoding.UTF8.GetBytes(value, dest[width..]);
        if (shortLength)
        {
            BinaryPrimitives.WriteInt16BigEndian(dest, (short)written);
        }
        else
        {
            BinaryPrimitives.WriteInt32BigEndian(dest, written);
        }

        return width + written;
    }

    private static int Utf8Length(string? value) => string.IsNullOrEmpty(value) ? 0 : Encoding.UTF8.GetByteCount(value);
}
