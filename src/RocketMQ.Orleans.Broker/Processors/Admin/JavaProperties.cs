using System.Text;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// Apache MixAll.properties2String / string2Properties: the "key=value" lines broker and name-server config travel
/// as (UTF-8). Reading accepts what java.util.Properties.load accepts for these (comments, '=' or ':', blanks).
/// </summary>
internal static class JavaProperties
{
    public static byte[] Write(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in properties)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static Dictionary<string, string> Read(ReadOnlySpan<byte> body)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in Encoding.UTF8.GetString(body).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator < 0)
            {
                properties[line] = string.Empty;
                continue;
            }

            properties[line[..separator].TrimEnd()] = line[(separator + 1)..].TrimStart();
        }

        return properties;
    }
}
