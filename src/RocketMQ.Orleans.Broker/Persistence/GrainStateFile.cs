using System.Globalization;
using System.Text.Json;

namespace RocketMQ.Orleans.Broker.Persistence;

/// <summary>
/// The on-disk form of one grain's state: a JSON envelope {"version":n,"grainId":"...","state":{...}} written to a
/// temporary file, flushed to disk and renamed over the old one, so a reader or a crash sees the old or the new
/// state, never a mix.
/// </summary>
internal static class GrainStateFile
{
    private const string VersionProperty = "version";
    private const string GrainIdProperty = "grainId";
    private const string StateProperty = "state";

    public readonly record struct Content(long Version, BinaryData State);

    public static async Task<Content?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        var version = root.GetProperty(VersionProperty).GetInt64();
        var state = BinaryData.FromString(root.GetProperty(StateProperty).GetRawText());
        return new Content(version, state);
    }

    public static async Task<long?> ReadVersionAsync(string path, CancellationToken cancellationToken) =>
        (await ReadAsync(path, cancellationToken).ConfigureAwait(false))?.Version;

    public static async Task WriteAsync(string path, long version, string grainId, BinaryData state, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp"));
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber(VersionProperty, version);
                    writer.WriteString(GrainIdProperty, grainId);
                    writer.WritePropertyName(StateProperty);
                    // Parsing validates that the serializer produced JSON (the envelope must stay parseable) and
                    // re-indents it, so an operator can read and diff the files.
                    using (var document = JsonDocument.Parse(state.ToMemory()))
                    {
                        document.WriteTo(writer);
                    }
                    writer.WriteEndObject();
                }

                // Durable before it becomes visible: the rename must never expose unflushed bytes after a crash.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left-over temporary files are harmless: readers only open the final name.
        }
    }
}
