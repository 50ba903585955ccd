using System.Globalization;

namespace RocketMQ.Orleans.Broker.Replication.Local;

/// <summary>
/// What a replica keeps about itself beside its data (<c>replication/</c> under the data path): its id, which changes
/// when the folder is wiped, and its epoch history, RocketMQ 5's epoch file: one line per epoch this log has held
/// records of, with the offset where that epoch's records start. On rejoin the last epoch tells where this log
/// stops agreeing with the group's.
/// </summary>
internal sealed class ReplicaLocalState
{
    private readonly string epochPath;
    private readonly List<(long Epoch, long StartOffset)> epochs = [];
    private readonly Lock gate = new();

    private ReplicaLocalState(string directory, string replicaId)
    {
        epochPath = Path.Combine(directory, "epochs");
        ReplicaId = replicaId;
        if (File.Exists(epochPath))
        {
            foreach (var line in File.ReadAllLines(epochPath))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2
                    && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long epoch)
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long start))
                    epochs.Add((epoch, start));
            }
        }
    }

    public string ReplicaId { get; }

    /// <summary>The last epoch this log holds records of (0 for none).</summary>
    public long LastEpoch
    {
        get { lock (gate) return epochs.Count == 0 ? 0 : epochs[^1].Epoch; }
    }

    public static ReplicaLocalState Open(string dataPath)
    {
        var directory = Path.Combine(dataPath, "replication");
        Directory.CreateDirectory(directory);
        var idPath = Path.Combine(directory, "replica-id");
        string id;
        if (File.Exists(idPath) && File.ReadAllText(idPath).Trim() is { Length: > 0 } existing)
        {
            id = existing;
        }
        else
        {
            id = Guid.NewGuid().ToString("N");
            Store.DurableFile.Replace(idPath, System.Text.Encoding.UTF8.GetBytes(id));
        }
        return new ReplicaLocalState(directory, id);
    }

    /// <summary>Records that this log holds records of <paramref name="epoch"/> from <paramref name="startOffset"/> on.</summary>
    public void Append(long epoch, long startOffset)
    {
        lock (gate)
        {
            if (epochs.Count > 0 && epochs[^1].Epoch >= epoch) return;
            epochs.Add((epoch, startOffset));
            Save();
        }
    }

    /// <summary>
    /// Replaces the history by one epoch starting at <paramref name="startOffset"/>: the log is about to begin empty
    /// there, as a copy of the leader of <paramref name="epoch"/>, and holds nothing of the epochs it knew before.
    /// </summary>
    public void Reset(long epoch, long startOffset)
    {
        lock (gate)
        {
            epochs.Clear();
            epochs.Add((epoch, startOffset));
            Save();
        }
    }

    /// <summary>Forgets epochs whose records start at or past <paramref name="offset"/> (the log is cut back there).</summary>
    public void TruncateTo(long offset)
    {
        lock (gate)
        {
            if (epochs.RemoveAll(e => e.StartOffset >= offset) > 0) Save();
        }
    }

    private void Save() =>
        Store.DurableFile.Replace(epochPath, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', epochs.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Epoch} {e.StartOffset}"))) + "\n"));
}
