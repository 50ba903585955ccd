namespace RocketMQ.Orleans.Protocol.Bodies.Json;

/// <summary>The collection shapes RocketMQ bodies use, written in the order the caller's collection enumerates.</summary>
public static class FastJsonWriterExtensions
{
    public static void StringArray(this FastJsonWriter writer, IEnumerable<string> values)
    {
        writer.StartArray();
        foreach (var value in values)
        {
            writer.String(value);
        }

        writer.EndArray();
    }

    public static void Array<T>(this FastJsonWriter writer, IEnumerable<T> values)
        where T : IRemotingBody<T>
    {
        writer.StartArray();
        foreach (var value in values)
        {
            value.WriteJson(writer);
        }

        writer.EndArray();
    }

    public static void StringMap<TValue>(this FastJsonWriter writer, IEnumerable<KeyValuePair<string, TValue>> map, Action<FastJsonWriter, TValue> writeValue)
    {
        writer.StartObject();
        foreach (var (key, value) in map)
        {
            writer.Key(key);
            writeValue(writer, value);
        }

        writer.EndObject();
    }

    /// <summary>Numeric keys are written quoted (<c>"0":</c>); see <see cref="FastJsonWriter.Key(long)"/>.</summary>
    public static void NumberMap<TValue>(this FastJsonWriter writer, IEnumerable<KeyValuePair<long, TValue>> map, Action<FastJsonWriter, TValue> writeValue)
    {
        writer.StartObject();
        foreach (var (key, value) in map)
        {
            writer.Key(key);
            writeValue(writer, value);
        }

        writer.EndObject();
    }

    public static void NumberMap<TValue>(this FastJsonWriter writer, IEnumerable<KeyValuePair<int, TValue>> map, Action<FastJsonWriter, TValue> writeValue)
    {
        writer.StartObject();
        foreach (var (key, value) in map)
        {
            writer.Key(key);
            writeValue(writer, value);
        }

        writer.EndObject();
    }
}
