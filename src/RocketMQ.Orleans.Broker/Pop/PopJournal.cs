using System.Globalization;
using System.Text;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// POP state on disk: an append-only journal of checkpoints (a message handed out or given a new invisible time)
/// and acks (acked, revived or forwarded), one text line each, flushed to the operating system before a pop,
/// ack or change is answered, so a killed process (kill -9) loses none of them. Replayed and compacted at start,
/// and compacted while running once it grew past a number of records (Apache keeps the same facts as CK/ACK
/// messages in its revive topic).
/// </summary>
/// <remarks>
/// Lines: <c>C group topic queueId offset popTime invisibleTime commitLogOffset [fifoAttempt]</c> and
/// <c>A group topic queueId offset</c> (the FIFO attempt is written only for FIFO groups' messages), and
/// <c>P group topic queueId offset</c>: handed out up to that offset with the checkpoints in the revive log
/// (<see cref="PopReviveLog"/>), which keeps the cursor past them once the revive log let them go.
/// A running compaction appends to <c>journal.next</c> while it writes the snapshot; the snapshot followed by that file
/// becomes the journal. Every record is a "set", so replaying records already reflected in the snapshot changes nothing.
/// </remarks>
internal sealed class PopJournal : IDisposable
{
    private readonly object _lock = new();
    private readonly string _path;
    private StreamWriter _writer;
    private long _records;

    private PopJournal(string path, StreamWriter writer)
    {
        _path = path;
        _writer = writer;
    }

    private string NextPath => _path + ".next";

    /// <summary>Records appended since the last compaction.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>What the journal says per queue: the highest offset ever handed out, and what is still in flight.</summary>
    internal sealed class QueueReplay
    {
        public long MaxPopped { get; set; } = -1;

        public SortedDictionary<long, PopInFlight> InFlight { get; } = [];
    }

    /// <summary>Replays the journal (and a compaction's tail left by a crash), rewrites it with only what is still in flight, and opens it for appending.</summary>
    public static PopJournal Open(string path, out Dictionary<(string Group, string Topic, int QueueId), QueueReplay> replay)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var queues = new Dictionary<(string, string, int), QueueReplay>();
        foreach (var file in new[] { path, path + ".next" })
        {
            if (File.Exists(file))
            {
                Replay(file, queues);
            }
        }

        replay = queues;
        var compacted = path + ".tmp";
        using (var writer = new StreamWriter(compacted, append: false, new UTF8Encoding(false)))
        {
            foreach (var ((group, topic, queueId), queue) in queues)
            {
                WriteSnapshot(writer, group, topic, queueId, queue.MaxPopped, queue.InFlight);
            }
        }

        File.Move(compacted, path, overwrite: true);
        File.Delete(path + ".next");
        return new PopJournal(path, OpenAppend(path));
    }

    public void Checkpoint(PopQueueState state, long offset, PopInFlight inFlight)
    {
        lock (_lock)
        {
            _writer.Write(CheckpointLine(state.Group, state.Topic, state.QueueId, offset, inFlight));
            _records++;
        }
    }

    /// <summary>Messages up to <paramref name="offset"/> were handed out with their checkpoints in the revive log.</summary>
    public void Popped(PopQueueState state, long offset)
    {
        lock (_lock)
        {
            _writer.Write(string.Create(CultureInfo.InvariantCulture, $"P {state.Group} {state.Topic} {state.QueueId} {offset}\n"));
            _records++;
        }
    }

    public void Ack(PopQueueState state, long offset)
    {
        lock (_lock)
        {
            _writer.Write(AckLine(state.Group, state.Topic, state.QueueId, offset));
            _records++;
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

    /// <summary>
    /// Rewrites the journal as a snapshot of <paramref name="queues"/> while appends go on: they go to the next file
    /// meanwhile, which then follows the snapshot. Call from one thread at a time (the revive loop).
    /// </summary>
    public void Compact(IEnumerable<PopQueueState> queues)
    {
        lock (_lock)
        {
            _writer.Dispose();
            _writer = OpenAppend(NextPath);
            _records = 0;
        }

        var snapshot = _path + ".snap";
        using (var writer = new StreamWriter(snapshot, append: false, new UTF8Encoding(false)))
        {
            foreach (var queue in queues)
            {
                // Taken per queue under its lock (never while holding the journal's): the state at some time after the swap.
                lock (queue.InFlight)
                {
                    WriteSnapshot(writer, queue.Group, queue.Topic, queue.QueueId, queue.Cursor - 1, queue.InFlight);
                }
            }
        }

        lock (_lock)
        {
            _writer.Dispose();
            using (var target = new FileStream(snapshot, FileMode.Append, FileAccess.Write))
            using (var next = File.OpenRead(NextPath))
            {
                next.CopyTo(target);
            }

            File.Move(snapshot, _path, overwrite: true);
            File.Delete(NextPath);
            _writer = OpenAppend(_path);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer.Dispose();
        }
    }

    private static StreamWriter OpenAppend(string path) =>
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));

    private static void WriteSnapshot(StreamWriter writer, string group, string topic, int queueId, long maxPopped, SortedDictionary<long, PopInFlight> inFlight)
    {
        // The highest popped offset survives as an acked checkpoint: the cursor restarts past it.
        if (maxPopped >= 0 && !inFlight.ContainsKey(maxPopped))
        {
            writer.Write(CheckpointLine(group, topic, queueId, maxPopped, new PopInFlight(0, 0, -1)));
            writer.Write(AckLine(group, topic, queueId, maxPopped));
        }

        foreach (var (offset, entry) in inFlight)
        {
            writer.Write(CheckpointLine(group, topic, queueId, offset, entry));
        }
    }

    private static string CheckpointLine(string group, string topic, int queueId, long offset, PopInFlight entry) => entry.IsFifo
        ? string.Create(CultureInfo.InvariantCulture,
            $"C {group} {topic} {queueId} {offset} {entry.PopTime} {entry.InvisibleTime} {entry.CommitLogOffset} {entry.FifoAttempt}\n")
        : string.Create(CultureInfo.InvariantCulture, $"C {group} {topic} {queueId} {offset} {entry.PopTime} {entry.InvisibleTime} {entry.CommitLogOffset}\n");

    private static string AckLine(string group, string topic, int queueId, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"A {group} {topic} {queueId} {offset}\n");

    private static void Replay(string path, Dictionary<(string, string, int), QueueReplay> queues)
    {
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

            var fifoAttempt = 0;
            if (parts[0] == "C" && parts.Length is 8 or 9
                && long.TryParse(parts[5], CultureInfo.InvariantCulture, out var popTime)
                && long.TryParse(parts[6], CultureInfo.InvariantCulture, out var invisible)
                && long.TryParse(parts[7], CultureInfo.InvariantCulture, out var commitLogOffset)
                && (parts.Length == 8 || int.TryParse(parts[8], CultureInfo.InvariantCulture, out fifoAttempt)))
            {
                queue.MaxPopped = Math.Max(queue.MaxPopped, offset);
                queue.InFlight[offset] = new PopInFlight(popTime, invisible, commitLogOffset, fifoAttempt);
            }
            else if (parts[0] == "A")
            {
                queue.InFlight.Remove(offset);
            }
            else if (parts[0] == "P")
            {
                queue.MaxPopped = Math.Max(queue.MaxPopped, offset);
            }
        }
    }
}
