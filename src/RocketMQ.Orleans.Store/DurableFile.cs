namespace RocketMQ.Orleans.Store;

/// <summary>
/// Replaces a small file so that a crash leaves either the old or the new content, never half of one: the bytes go
/// to a temporary file, are fsynced, and the temporary file is renamed over the target.
/// </summary>
public static class DurableFile
{
    public static void Replace(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
