using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>
/// The JSON header (Apache <c>RemotingSerializable</c>, fastjson): code, extFields, flag, language
/// (enum name), opaque, remark, serializeTypeCurrentRPC, version. Reading is lenient where real
/// clients are: ext-field values may be JSON numbers or booleans, the language a name or a number.
/// </summary>
internal static class JsonHeaderCodec
{
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText ExtFieldsName = JsonEncodedText.Encode("extFields");
    private static readonly JsonEncodedText FlagName = JsonEncodedText.Encode("flag");
    private static readonly JsonEncodedText LanguageName = JsonEncodedText.Encode("language");
    private static readonly JsonEncodedText OpaqueName = JsonEncodedText.Encode("opaque");
    private static readonly JsonEncodedText RemarkName = JsonEncodedText.Encode("remark");
    private static readonly JsonEncodedText SerializeTypeName = JsonEncodedText.Encode("serializeTypeCurrentRPC");
    private static readonly JsonEncodedText VersionName = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText JsonTypeValue = JsonEncodedText.Encode("JSON");
    private static readonly JsonEncodedText RocketMQTypeValue = JsonEncodedText.Encode("ROCKETMQ");

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>Writes the header JSON (properties in fastjson's alphabetical order) to <paramref name="output"/>.</summary>
    public static void Write(RemotingCommand command, IBufferWriter<byte> output)
    {
        var writer = _writer;
        if (writer is null)
        {
            writer = _writer = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            writer.Reset(output);
        }

        try
        {
            writer.WriteStartObject();
            writer.WriteNumber(CodeName, command.Code);
            if (command.ExtFields is { } ext)
            {
                writer.WriteStartObject(ExtFieldsName);
                foreach (var (key, value) in ext)
                {
                    if (key is not null && value is not null)
                    {
                        writer.WriteString(key, value);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteNumber(FlagName, command.Flag);
            writer.WriteString(LanguageName, LanguageNames.Of(command.Language));
            writer.WriteNumber(OpaqueName, command.Opaque);
            if (command.Remark is not null)
            {
                writer.WriteString(RemarkName, command.Remark);
            }

            writer.WriteString(SerializeTypeName, command.SerializeType == SerializeType.RocketMQ ? RocketMQTypeValue : JsonTypeValue);
            writer.WriteNumber(VersionName, command.Version);
            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            // Do not keep the caller's buffer writer reachable from the thread.
            writer.Reset(Stream.Null);
        }
    }

    public static RemotingCommand Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return ReadCore(json);
        }
        catch (JsonException e)
        {
            throw new RemotingProtocolException(RemotingProtocolError.BadJson, $"Malformed JSON header: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports invalid UTF-8 in strings and wrong token kinds this way.
            throw new RemotingProtocolException(RemotingProtocolError.BadJson, $"Malformed JSON header: {e.Message}", e);
        }
    }

    private static RemotingCommand ReadCore(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw BadJson("The header is not a JSON object.");
        }

        var command = new RemotingCommand { SerializeType = SerializeType.Json };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                command.Code = ReadInt32(ref reader, "code");
            }
            else if (reader.ValueTextEquals("opaque"u8))
            {
                command.Opaque = ReadInt32(ref reader, "opaque");
            }
            else if (reader.ValueTextEquals("flag"u8))
            {
                command.Flag = ReadInt32(ref reader, "flag");
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                command.Version = ReadInt32(ref reader, "version");
            }
            else if (reader.ValueTextEquals("language"u8))
            {
                command.Language = ReadLanguage(ref reader);
            }
            else if (reader.ValueTextEquals("remark"u8))
            {
                reader.Read();
                command.Remark = ReadText(ref reader, json);
            }
            else if (reader.ValueTextEquals("extFields"u8))
            {
                command.ExtFields = ReadExtFields(ref reader, json);
            }
            else
            {
                // serializeTypeCurrentRPC is implied by the frame; unknown fields are ignored as fastjson does.
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw BadJson("The JSON header has data after its object.");
        }

        return command;
    }

    private static Dictionary<string, string>? ReadExtFields(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw BadJson("extFields is not a JSON object.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            reader.Read();
            if (ReadText(ref reader, json) is { } value)
            {
                fields[key] = value;
            }
        }

        return fields;
    }

    /// <summary>Any JSON value as text: strings unescaped, numbers/booleans/objects/arrays as written, null as null.</summary>
    private static string? ReadText(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
        }
    }

    private static int ReadInt32(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt32(out int value):
                return value;
            case JsonTokenType.String when int.TryParse(reader.GetString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value):
                return value;
            case JsonTokenType.Null:
                return 0;
            default:
                throw BadJson($"'{name}' is not a 32-bit integer.");
        }
    }

    private static LanguageCode ReadLanguage(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return LanguageNames.Parse(reader.ValueSpan, reader.ValueIsEscaped);
            case JsonTokenType.Number when reader.TryGetByte(out byte code) && Enum.IsDefined((LanguageCode)code):
                return (LanguageCode)code;
            case JsonTokenType.Number or JsonTokenType.Null:
                return LanguageCode.OTHER;
            default:
                throw BadJson("'language' is neither a name nor a number.");
        }
    }

    private static RemotingProtocolException BadJson(string message) => new(RemotingProtocolError.BadJson, message);
}
