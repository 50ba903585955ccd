using System.Globalization;
using System.Text;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// POP checkpoints and acks kept on disk, ordered by revive time (the part of Apache's revive topic
/// <c>rmq_sys_REVIVE_LOG</c> this broker needs): one append-only file per time window, named by the window's start
/// in milliseconds; a record goes to the file of the revive time it is about (see <see cref="PopReviveRecord"/>).
/// The revive loop takes a file once its window has passed, pairs its checkpoints with its acks and deletes it, so
/// memory holds only the list of windows and a few open files, however many messages are in flight.
/// </summary>
/// <remarks>
/// Appends are handed to the operating system by <see cref="Flush"/> before an operation is answered (kill -9
/// safe). A window taken by the revive loop is sealed: appends about a time in it are refused, as that time is over.
/// </remarks>
internal sealed class PopReviveLog : IDisposable
{
    private const string Extension = ".revive";
    private const int MaxOpenWriters = 16;

    private readonly Lock _lock = new();
    private readonly string _directory;
    private readonly long _bucketMillis;
    private readonly SortedSet<long> _buckets = [];
    private readonly Dictionary<long, (StreamWriter Writer, long LastUse)> _writers = [];
    private readonly HashSet<StreamWriter> _dirty = [];
    private long _sealedThrough = long.MinValue;
    private long _uses;

    private PopReviveLog(string directory, long bucketMillis)
    {
        _directory = directory;
        _bucketMillis = bucketMillis;
    }

    public static PopReviveLog Open(string directory, TimeSpan bucket)
    {
        Directory.CreateDirectory(directory);
        var log = new PopReviveLog(directory, Math.Max(1, (long)bucket.TotalMilliseconds));
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
            {
                log._buckets.Add(start);
            }
        }

        return log;
    }

    /// <summary>Windows on disk, oldest first.</summary>
    public IReadOnlyList<long> Buckets
    {
        get
        {
            lock (_lock)
            {
                return [.. _buckets];
            }
        }
    }

    public long BucketOf(long visibleAt) => visibleAt - (((visibleAt % _bucketMillis) + _bucketMillis) % _bucketMillis);

    /// <summary>Appends <paramref name="line"/> to the file of <paramref name="visibleAt"/>; false when that window was taken already.</summary>
    public bool TryAppend(long visibleAt, string line)
    {
        var bucket = BucketOf(visibleAt);
        lock (_lock)
        {
            if (bucket <= _sealedThrough)
            {
                return false;
            }

            Write(bucket, line);
            return true;
        }
    }

    /// <summary>Appends to a window being revived (its progress: what was revived already is not revived again after a crash).</summary>
    public void AppendToTaken(long bucket, string line)
    {
        lock (_lock)
        {
            Write(bucket, line);
        }
    }

    /// <summary>Hands every append so far to the operating system.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            foreach (var writer in _dirty)
            {
                writer.Flush();
            }

            _dirty.Clear();
        }
    }

    /// <summary>Takes the oldest window that ended at or before <paramref name="now"/> (sealing it and every older one).</summary>
    public bool TryTakeDue(long now, out long bucket)
    {
        lock (_lock)
        {
            bucket = _buckets.Count > 0 ? _buckets.Min : 0;
            if (_buckets.Count == 0 || bucket + _bucketMillis > now)
            {
                return false;
            }

            _sealedThrough = Math.Max(_sealedThrough, bucket);
            return true;
        }
    }

    /// <summary>The lines of a window's file, as far as they were written.</summary>
    public List<string> ReadLines(long bucket)
    {
        lock (_lock)
        {
            if (_writers.TryGetValue(bucket, out var open))
            {
                open.Writer.Flush();
            }

            var path = PathOf(bucket);
            if (!File.Exists(path))
            {
                return [];
            }

            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), Encoding.UTF8);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }

            return lines;
        }
    }

    /// <summary>Removes a window that was revived in full.</summary>
    public void Delete(long bucket)
    {
        lock (_lock)
        {
            Close(bucket);
            File.Delete(PathOf(bucket));
            _buckets.Remove(bucket);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var bucket in _writers.Keys.ToList())
            {
                Close(bucket);
            }
        }
    }

    private void Write(long bucket, string line)
    {
        StreamWriter writer;
        if (_writers.TryGetValue(bucket, out var open))
        {
            writer = open.Writer;
        }
        else
        {
            if (_writers.Count >= MaxOpenWriters)
            {
                Close(_writers.MinBy(pair => pair.Value.LastUse).Key);
            }

            writer = new StreamWriter(new FileStream(PathOf(bucket), FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
            _buckets.Add(bucket);
        }

        _writers[bucket] = (writer, ++_uses);
        writer.Write(line);
        _dirty.Add(writer);
    }

    private void Close(long bucket)
    {
        if (_writers.Remove(bucket, out var open))
        {
            // Disposing flushes: what was written reaches the operating system before the writer is forgotten.
            _dirty.Remove(open.Writer);
            open.Writer.Dispose();
        }
    }

    private string PathOf(long bucket) => Path.Combine(_directory, bucket.ToString(CultureInfo.InvariantCulture) + Extension);
}
