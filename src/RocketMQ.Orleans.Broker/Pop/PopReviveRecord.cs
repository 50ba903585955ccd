using System.Globalization;
using System.Text;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// The revive log's lines, kept in the file of the revive time they are about (Apache's CK and ACK messages in
/// <c>rmq_sys_REVIVE_LOG</c>):
/// <c>C group topic queueId offset:commitLogOffset[,offset:commitLogOffset...]</c> a popped batch's checkpoint,
/// <c>A group topic queueId offset</c> the message acked (or revived, or forwarded) and
/// <c>M group topic queueId offset visibleAt</c> its invisible time changed: its checkpoint moved to <c>visibleAt</c>'s file.
/// </summary>
internal readonly record struct PopReviveRecord(char Kind, string Group, string Topic, int QueueId, long Offset, long VisibleAt, string? Entries)
{
    public const char Checkpoint = 'C';
    public const char Ack = 'A';
    public const char Moved = 'M';

    public (string Group, string Topic, int QueueId) Queue => (Group, Topic, QueueId);

    public static string CheckpointLine(string group, string topic, int queueId, IReadOnlyList<(long Offset, long CommitLogOffset)> entries)
    {
        var line = new StringBuilder(32 + group.Length + topic.Length + entries.Count * 20);
        line.Append(CultureInfo.InvariantCulture, $"C {group} {topic} {queueId} ");
        for (var i = 0; i < entries.Count; i++)
        {
            line.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}{entries[i].Offset}:{entries[i].CommitLogOffset}");
        }

        return line.Append('\n').ToString();
    }

    public static string AckLine(string group, string topic, int queueId, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"A {group} {topic} {queueId} {offset}\n");

    public static string MovedLine(string group, string topic, int queueId, long offset, long visibleAt) =>
        string.Create(CultureInfo.InvariantCulture, $"M {group} {topic} {queueId} {offset} {visibleAt}\n");

    /// <summary>Parses a line; false for a torn last line (killed mid-write: its operation was never answered).</summary>
    public static bool TryParse(string line, out PopReviveRecord record)
    {
        record = default;
        var parts = line.Split(' ');
        if (parts.Length < 5 || parts[0].Length != 1 || !int.TryParse(parts[3], CultureInfo.InvariantCulture, out var queueId))
        {
            return false;
        }

        switch (parts[0][0])
        {
            case Checkpoint when parts.Length == 5 && EntriesAreWhole(parts[4]):
                record = new PopReviveRecord(Checkpoint, parts[1], parts[2], queueId, -1, 0, parts[4]);
                return true;
            case Ack when parts.Length == 5 && long.TryParse(parts[4], CultureInfo.InvariantCulture, out var acked):
                record = new PopReviveRecord(Ack, parts[1], parts[2], queueId, acked, 0, null);
                return true;
            case Moved when parts.Length == 6 && long.TryParse(parts[4], CultureInfo.InvariantCulture, out var moved)
                && long.TryParse(parts[5], CultureInfo.InvariantCulture, out var visibleAt):
                record = new PopReviveRecord(Moved, parts[1], parts[2], queueId, moved, visibleAt, null);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A checkpoint's (offset, commit log offset) pairs.</summary>
    public IEnumerable<(long Offset, long CommitLogOffset)> CheckpointEntries()
    {
        foreach (var entry in (Entries ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            yield return (long.Parse(entry.AsSpan(0, colon), CultureInfo.InvariantCulture),
                long.Parse(entry.AsSpan(colon + 1), CultureInfo.InvariantCulture));
        }
    }

    private static bool EntriesAreWhole(string entries)
    {
        foreach (var entry in entries.Split(','))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !long.TryParse(entry.AsSpan(0, colon), CultureInfo.InvariantCulture, out _)
                || !long.TryParse(entry.AsSpan(colon + 1), CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true;
    }
}
