using System.Buffers.Binary;
using System.Globalization;

namespace RocketMQ.Orleans.Store.Replication;

/// <summary>
/// Two small files a replicated store keeps beside its checkpoint. <c>confirmed</c>: the last confirmed offset this
/// replica knew, so that after a restart the dispatcher makes nothing visible past it before the group has spoken.
/// <c>truncate</c>: a truncation the replica asked for (its tail diverged from the new leader's log), applied by
/// the next open before the commit log is read. <c>begin</c>: the offset at which the replica must begin an empty
/// log (its leader's retention deleted everything it has and more), applied by the next open the same way.
/// </summary>
internal sealed class ReplicaMarkers(string checkpointDirectory)
{
    private readonly string confirmedPath = Path.Combine(checkpointDirectory, "confirmed");
    private long recorded = -1;
    private long written = -1;

    public void Record(long confirmed) => Volatile.Write(ref recorded, confirmed);

    /// <summary>Writes the recorded offset when it changed (with the checkpoint; a stale, lower value is safe).</summary>
    public void Flush()
    {
        long value = Volatile.Read(ref recorded);
        if (value < 0 || value == written) return;
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        DurableFile.Replace(confirmedPath, bytes);
        written = value;
    }

    public long? LoadConfirmed()
    {
        if (!File.Exists(confirmedPath)) return null;
        var bytes = File.ReadAllBytes(confirmedPath);
        return bytes.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : null;
    }

    public static string TruncatePath(string checkpointDirectory) => Path.Combine(checkpointDirectory, "truncate");

    public static void RequestTruncation(string checkpointDirectory, long offset) => WriteOffset(TruncatePath(checkpointDirectory), offset);

    public static long? PendingTruncation(string checkpointDirectory) => ReadOffset(TruncatePath(checkpointDirectory));

    public static string BeginPath(string checkpointDirectory) => Path.Combine(checkpointDirectory, "begin");

    public static void RequestBegin(string checkpointDirectory, long offset) => WriteOffset(BeginPath(checkpointDirectory), offset);

    public static long? PendingBegin(string checkpointDirectory) => ReadOffset(BeginPath(checkpointDirectory));

    private static void WriteOffset(string path, long offset)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DurableFile.Replace(path, System.Text.Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));
    }

    private static long? ReadOffset(string path) =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path), NumberStyles.None, CultureInfo.InvariantCulture, out long offset) ? offset : null;
}
