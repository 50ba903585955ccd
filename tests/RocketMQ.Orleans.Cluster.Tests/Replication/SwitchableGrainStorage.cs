using System.Collections.Concurrent;
using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace RocketMQ.Orleans.Cluster.Tests.Replication;

/// <summary>
/// In-memory grain storage with ETag checks that counts writes per state name and can be told to refuse them, as a
/// storage outage or a lost compare-and-swap would. It replaces the file storage's registration, whose lifecycle hook
/// resolves the storage as a lifecycle participant.
/// </summary>
internal sealed class SwitchableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), (string Json, string ETag)> _records = new();
    private readonly ConcurrentDictionary<string, int> _writes = new();

    public volatile bool RefuseWrites;

    public int WritesOf(string stateName) => _writes.GetValueOrDefault(stateName);

    public void Participate(ISiloLifecycle lifecycle)
    {
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.State = JsonSerializer.Deserialize<T>(record.Json)!;
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (RefuseWrites)
        {
            throw new InconsistentStateException("Writes are refused by the test.");
        }

        var key = (stateName, grainId);
        var stored = _records.TryGetValue(key, out var record) ? record.ETag : null;
        if (stored != grainState.ETag)
        {
            throw new InconsistentStateException($"ETag {grainState.ETag} does not match the stored {stored}.", stored, grainState.ETag);
        }

        var etag = Guid.NewGuid().ToString("N");
        _records[key] = (JsonSerializer.Serialize(grainState.State), etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        _writes.AddOrUpdate(stateName, 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _records.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
