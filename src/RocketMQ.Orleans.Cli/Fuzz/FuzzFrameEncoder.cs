using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>
/// Writes a <see cref="FuzzFrame"/> as the remoting protocol frames it: <c>[length][type|header length][header][body]</c>.
/// Unlike the protocol's codec it keeps duplicate ext fields and writes whatever serialize-type byte it is given
/// (its header is then JSON, the server must refuse the type). An unedited frame encodes to the codec's bytes.
/// </summary>
internal static class FuzzFrameEncoder
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static byte[] Encode(FuzzFrame frame)
    {
        var header = new ArrayBufferWriter<byte>(256);
        if (frame.SerializeType == (byte)SerializeType.RocketMQ)
        {
            WriteBinaryHeader(frame, header);
        }
        else
        {
            WriteJsonHeader(frame, header);
        }

        int headerLength = header.WrittenCount;
        var result = new byte[8 + headerLength + frame.Body.Length];
        BinaryPrimitives.WriteInt32BigEndian(result, 4 + headerLength + frame.Body.Length);
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(4), (frame.SerializeType << 24) | (headerLength & 0xFFFFFF));
        header.WrittenSpan.CopyTo(result.AsSpan(8));
        frame.Body.CopyTo(result.AsSpan(8 + headerLength));
        return result;
    }

    private static void WriteJsonHeader(FuzzFrame frame, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("code", frame.Code);
        writer.WriteStartObject("extFields");
        foreach (var (key, value) in frame.ExtFields)
        {
            if (frame.RawJsonValues)
            {
                writer.WritePropertyName(key);
                // Unvalidated on purpose (the server must cope), but never empty: the writer itself refuses that.
                writer.WriteRawValue(value.Length == 0 ? "\"\"" : value, skipInputValidation: true);
            }
            else
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();
        writer.WriteNumber("flag", frame.Flag);
        writer.WriteString("language", Enum.IsDefined((LanguageCode)frame.Language) ? ((LanguageCode)frame.Language).ToString() : frame.Language.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteNumber("opaque", frame.Opaque);
        if (frame.Remark is not null)
        {
            writer.WriteString("remark", frame.Remark);
        }

        writer.WriteString("serializeTypeCurrentRPC", "JSON");
        writer.WriteNumber("version", frame.Version);
        writer.WriteEndObject();
    }

    private static void WriteBinaryHeader(FuzzFrame frame, ArrayBufferWriter<byte> output)
    {
        var fixedPart = output.GetSpan(13);
        BinaryPrimitives.WriteInt16BigEndian(fixedPart, unchecked((short)frame.Code));
        fixedPart[2] = unchecked((byte)frame.Language);
        BinaryPrimitives.WriteInt16BigEndian(fixedPart[3..], unchecked((short)frame.Version));
        BinaryPrimitives.WriteInt32BigEndian(fixedPart[5..], frame.Opaque);
        BinaryPrimitives.WriteInt32BigEndian(fixedPart[9..], frame.Flag);
        output.Advance(13);
        WriteString(output, frame.Remark, shortLength: false);

        var map = new ArrayBufferWriter<byte>(128);
        foreach (var (key, value) in frame.ExtFields)
        {
            WriteString(map, key, shortLength: true);
            WriteString(map, value, shortLength: false);
        }

        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), map.WrittenCount);
        output.Advance(4);
        output.Write(map.WrittenSpan);
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string? value, bool shortLength)
    {
        byte[] bytes = string.IsNullOrEmpty(value) ? [] : Encoding.UTF8.GetBytes(value);
        var span = output.GetSpan(4);
        if (shortLength)
        {
            // A key longer than 32767 bytes wraps negative, as a careless client would write it.
            BinaryPrimitives.WriteInt16BigEndian(span, unchecked((short)bytes.Length));
            output.Advance(2);
        }
        else
        {
            BinaryPrimitives.WriteInt32BigEndian(span, bytes.Length);
            output.Advance(4);
        }

        output.Write(bytes);
    }
}
