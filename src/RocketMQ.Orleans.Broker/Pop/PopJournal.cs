using System.Globalization;
using System.Text;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// POP state on disk: an append-only journal of checkpoints (a message handed out or given a new invisible time)
/// and acks (acked, revived or forwarded), one text line each, flushed to the operating system before a pop,
/// ack or change is answered, so a killed process (kill -9) loses none of them. Replayed and compacted at start
/// (Apache keeps the same facts as CK/ACK messages in its revive topic).
/// </summary>
/// <remarks>Lines: <c>C group topic queueId offset popTime invisibleTime commitLogOffset</c> and <c>A group topic queueId offset</c>.</remarks>
internal sealed class PopJournal : IDisposable
{
    private readonly object _lock = new();
    private readonly StreamWriter _writer;

    private PopJournal(StreamWriter writer) => _writer = writer;

    /// <summary>What the journal says per queue: the highest offset ever handed out, and what is still in flight.</summary>
    internal sealed class QueueReplay
    {
        public long MaxPopped { get; set; } = -1;

        public SortedDictionary<long, PopInFlight> InFlight { get; } = [];
    }

    /// <summary>Replays <paramref name="path"/> (if any), rewrites it with only what is still in flight, and opens it for appending.</summary>
    public static PopJournal Open(string path, out Dictionary<(string Group, string Topic, int QueueId), QueueReplay> replay)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        replay = File.Exists(path) ? Replay(path) : [];
        var compacted = path + ".tmp";
        using (var writer = new StreamWriter(compacted, append: false, new UTF8Encoding(false)))
        {
            foreach (var ((group, topic, queueId), queue) in replay)
            {
                // The highest popped offset survives compaction as an acked checkpoint: the cursor restarts past it.
                if (queue.MaxPopped >= 0 && !queue.InFlight.ContainsKey(queue.MaxPopped))
                {
                    writer.Write(CheckpointLine(group, topic, queueId, queue.MaxPopped, 0, 0, -1));
                    writer.Write(AckLine(group, topic, queueId, queue.MaxPopped));
                }

                foreach (var (offset, inFlight) in queue.InFlight)
                {
                    writer.Write(CheckpointLine(group, topic, queueId, offset, inFlight.PopTime, inFlight.InvisibleTime, inFlight.CommitLogOffset));
                }
            }
        }

        File.Move(compacted, path, overwrite: true);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new PopJournal(new StreamWriter(stream, new UTF8Encoding(false)));
    }

    public void Checkpoint(PopQueueState state, long offset, PopInFlight inFlight)
    {
        lock (_lock)
        {
            _writer.Write(CheckpointLine(state.Group, state.Topic, state.QueueId, offset, inFlight.PopTime, inFlight.InvisibleTime, inFlight.CommitLogOffset));
        }
    }

    public void Ack(PopQueueState state, long offset)
    {
        lock (_lock)
        {
            _writer.Write(AckLine(state.Group, state.Topic, state.QueueId, offset));
        }
    }

    /// <summary>Hands what was written to the operating system (survives a killed process, not a power cut).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer.Dispose();
        }
    }

    private static string CheckpointLine(string group, string topic, int queueId, long offset, long popTime, long invisibleTime, long commitLogOffset) =>
        string.Create(CultureInfo.InvariantCulture, $"C {group} {topic} {queueId} {offset} {popTime} {invisibleTime} {commitLogOffset}\n");

    private static string AckLine(string group, string topic, int queueId, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"A {group} {topic} {queueId} {offset}\n");

    private static Dictionary<(string, string, int), QueueReplay> Replay(string path)
    {
        var queues = new Dictionary<(string, string, int), QueueReplay>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            // A torn last line (killed mid-write) is skipped: its operation was never answered.
            if (parts.Length < 5 || !int.TryParse(parts[3], CultureInfo.InvariantCulture, out var queueId)
                || !long.TryParse(parts[4], CultureInfo.InvariantCulture, out var offset))
            {
                continue;
            }

            var key = (parts[1], parts[2], queueId);
            if (!queues.TryGetValue(key, out var queue))
            {
                queues[key] = queue = new QueueReplay();
            }

            if (parts[0] == "C" && parts.Length == 8
                && long.TryParse(parts[5], CultureInfo.InvariantCulture, out var popTime)
                && long.TryParse(parts[6], CultureInfo.InvariantCulture, out var invisible)
                && long.TryParse(parts[7], CultureInfo.InvariantCulture, out var commitLogOffset))
            {
                queue.MaxPopped = Math.Max(queue.MaxPopped, offset);
                queue.InFlight[offset] = new PopInFlight(popTime, invisible, commitLogOffset);
            }
            else if (parts[0] == "A")
            {
                queue.InFlight.Remove(offset);
            }
        }

        return queues;
    }
}
