using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>
/// A broadcasting consumer's offsets, kept on the client's disk because every consumer of the group consumes every
/// queue on its own (Apache LocalFileOffsetStore: {directory}/{clientId}/{group}/offsets.json, ResetOffsetBody (Apache OffsetSerializeWrapper)
/// JSON, written to a temporary file and moved into place so a crash never leaves half a file).
/// </summary>
internal sealed class LocalFileOffsetStore
{
    private readonly Lock _writeGate = new();
    private readonly Dictionary<MessageQueue, long> _loaded;

    public LocalFileOffsetStore(string directory, string clientId, string group)
    {
        // A client id is "ip@instance"; ':' (IPv6) is not a legal file-name character everywhere.
        FilePath = Path.Combine(directory, clientId.Replace(':', '_'), group, "offsets.json");
        _loaded = File.Exists(FilePath)
            ? RemotingBody.Decode<ResetOffsetBody>(File.ReadAllBytes(FilePath)).OffsetTable
            : [];
    }

    public string FilePath { get; }

    /// <summary>The offset stored for the queue, -1 when none (Apache readOffset(READ_FROM_STORE)).</summary>
    public long Read(MessageQueue queue)
    {
        lock (_writeGate)
        {
            return _loaded.TryGetValue(queue, out var offset) ? offset : -1;
        }
    }

    /// <summary>Writes the offsets held in memory, keeping those of queues no longer held (Apache keeps them too).</summary>
    public void Persist(IReadOnlyList<KeyValuePair<MessageQueue, long>> offsets)
    {
        lock (_writeGate)
        {
            foreach (var (queue, offset) in offsets)
            {
                if (offset >= 0)
                {
                    _loaded[queue] = offset;
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = FilePath + ".tmp";
            File.WriteAllBytes(temporary, new ResetOffsetBody { OffsetTable = new Dictionary<MessageQueue, long>(_loaded) }.Encode());
            File.Move(temporary, FilePath, overwrite: true);
        }
    }
}
