using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// The next schedule-queue offset of each delay level. The truth is a small binary progress file written after
/// every re-put (8 bytes at level × 8; a kill -9 keeps it, it is in the page cache); Apache's
/// <c>config/delayOffset.json</c> (<c>{"offsetTable":{"1":12}}</c>; Apache's fastjson leaves the keys unquoted,
/// reading accepts both) is written from it periodically and at close, for operators and GET_ALL_DELAY_OFFSET.
/// </summary>
internal sealed partial class DelayOffsetStore : IDisposable
{
    private readonly long[] offsets;
    private readonly SafeFileHandle progress;
    private readonly string jsonPath;
    private readonly byte[] scratch = new byte[8];
    private long changes;
    private long persistedChanges = -1;

    public DelayOffsetStore(string root, int maxLevel)
    {
        offsets = new long[maxLevel];
        jsonPath = Path.Combine(root, "config", "delayOffset.json");
        Directory.CreateDirectory(Path.Combine(root, "schedule"));
        progress = File.OpenHandle(Path.Combine(root, "schedule", "delayProgress"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var saved = new byte[maxLevel * 8];
        int read = RandomAccess.Read(progress, saved, 0);
        for (int i = 0; i < maxLevel; i++)
            offsets[i] = (i + 1) * 8 <= read ? Math.Max(0, BinaryPrimitives.ReadInt64LittleEndian(saved.AsSpan(i * 8))) : 0;
        foreach (var (level, offset) in ReadJson(jsonPath))
        {
            if (level >= 1 && level <= maxLevel)
                offsets[level - 1] = Math.Max(offsets[level - 1], offset);
        }
    }

    public long Get(int level) => Volatile.Read(ref offsets[level - 1]);

    /// <summary>Records that every entry of the level below <paramref name="offset"/> has been delivered.</summary>
    public void Set(int level, long offset)
    {
        Volatile.Write(ref offsets[level - 1], offset);
        Interlocked.Increment(ref changes);
        lock (scratch)
        {
            BinaryPrimitives.WriteInt64LittleEndian(scratch, offset);
            RandomAccess.Write(progress, scratch, (level - 1) * 8L);
        }
    }

    /// <summary>The delayOffset.json text (Apache <c>ScheduleMessageService.encode</c>).</summary>
    public string Encode(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("offsetTable");
            for (int i = 0; i < offsets.Length; i++)
                writer.WriteNumber((i + 1).ToString(CultureInfo.InvariantCulture), Get(i + 1));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes delayOffset.json through a temporary file, so a crash never leaves half a file.</summary>
    public void PersistJson()
    {
        long seen = Interlocked.Read(ref changes);
        if (seen == persistedChanges) return; // nothing delivered since the last write
        var temp = jsonPath + ".tmp";
        File.WriteAllText(temp, Encode(indented: true));
        File.Move(temp, jsonPath, overwrite: true);
        persistedChanges = seen;
    }

    public void Dispose() => progress.Dispose();

    internal static IEnumerable<(int Level, long Offset)> ReadJson(string path)
    {
        if (!File.Exists(path))
            return [];
        try
        {
            using var document = JsonDocument.Parse(UnquotedIntegerKey().Replace(File.ReadAllText(path), "$1\"$2\"$3"));
            if (!document.RootElement.TryGetProperty("offsetTable", out var table) || table.ValueKind != JsonValueKind.Object)
                return [];
            var result = new List<(int, long)>();
            foreach (var entry in table.EnumerateObject())
            {
                if (int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int level) && entry.Value.TryGetInt64(out long offset))
                    result.Add((level, offset));
            }

            return result;
        }
        catch (JsonException)
        {
            // An unreadable file is ignored: the binary progress file holds the offsets.
            return [];
        }
    }

    [GeneratedRegex(@"([{,]\s*)(\d+)(\s*:)")]
    private static partial Regex UnquotedIntegerKey();
}
