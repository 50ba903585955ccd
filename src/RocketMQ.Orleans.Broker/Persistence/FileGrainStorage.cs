using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace RocketMQ.Orleans.Broker.Persistence;

/// <summary>
/// Durable grain storage on the local file system, the embedded default of the control plane: one JSON file per
/// grain under &lt;root&gt;/&lt;grain type&gt;/&lt;escaped key&gt;.json, written atomically (temp file, fsync, rename).
/// The ETag is the file's version number; a write or clear whose ETag does not match the stored version throws
/// <see cref="InconsistentStateException"/>. Correct for one silo or several silos sharing one directory;
/// silos on several machines use Orleans' Redis or ADO.NET storage instead.
/// </summary>
public sealed partial class FileGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const int LockStripes = 64;

    private readonly string _name;
    private readonly FileGrainStorageOptions _options;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<FileGrainStorage> _logger;
    private readonly string _root;
    private readonly SemaphoreSlim[] _locks;

    public FileGrainStorage(
        string name,
        FileGrainStorageOptions options,
        IGrainStorageSerializer defaultSerializer,
        IActivatorProvider activatorProvider,
        ILogger<FileGrainStorage> logger)
    {
        _name = name;
        _options = options;
        _serializer = options.GrainStorageSerializer ?? defaultSerializer;
        _activatorProvider = activatorProvider;
        _logger = logger;
        _root = Path.GetFullPath(options.RootDirectory);
        _locks = new SemaphoreSlim[LockStripes];
        for (var i = 0; i < _locks.Length; i++)
        {
            _locks[i] = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>The absolute directory holding the grain files.</summary>
    public string RootDirectory => _root;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<FileGrainStorage>(_name), _options.InitStage, _ =>
        {
            Directory.CreateDirectory(_root);
            LogInitialized(_logger, _name, _root);
            return Task.CompletedTask;
        });

    public async Task ReadStateAsync<T>(string grainType, GrainId grainId, IGrainState<T> grainState)
    {
        var path = GetPath(grainType, grainId);
        var content = await GrainStateFile.ReadAsync(path, CancellationToken.None).ConfigureAwait(false);
        if (content is { } found)
        {
            var state = _serializer.Deserialize<T>(found.State);
            grainState.State = state ?? CreateInstance<T>();
            grainState.ETag = FormatETag(found.Version);
            grainState.RecordExists = state is not null;
        }
        else
        {
            grainState.State = CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string grainType, GrainId grainId, IGrainState<T> grainState)
    {
        var path = GetPath(grainType, grainId);
        var gate = GetLock(path);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var stored = await GrainStateFile.ReadVersionAsync(path, CancellationToken.None).ConfigureAwait(false);
            ThrowIfETagMismatch(grainId, stored, grainState.ETag, "write");
            var version = (stored ?? 0) + 1;
            var data = _serializer.Serialize(grainState.State);
            await GrainStateFile.WriteAsync(path, version, grainId.ToString(), data, CancellationToken.None).ConfigureAwait(false);
            grainState.ETag = FormatETag(version);
            grainState.RecordExists = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ClearStateAsync<T>(string grainType, GrainId grainId, IGrainState<T> grainState)
    {
        var path = GetPath(grainType, grainId);
        var gate = GetLock(path);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var stored = await GrainStateFile.ReadVersionAsync(path, CancellationToken.None).ConfigureAwait(false);
            ThrowIfETagMismatch(grainId, stored, grainState.ETag, "clear");
            if (stored is not null)
            {
                File.Delete(path);
            }

            grainState.State = CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        finally
        {
            gate.Release();
        }
    }

    internal string GetPath(string grainType, GrainId grainId) =>
        Path.Combine(_root, GrainFileNames.Escape(grainType), GrainFileNames.Escape(grainId.Key.ToString()!) + ".json");

    private void ThrowIfETagMismatch(GrainId grainId, long? stored, string? expected, string operation)
    {
        var storedETag = stored is { } v ? FormatETag(v) : null;
        if (!string.Equals(storedETag, expected, StringComparison.Ordinal))
        {
            LogETagMismatch(_logger, _name, operation, grainId, storedETag, expected);
            throw new InconsistentStateException(
                $"{nameof(FileGrainStorage)} '{_name}': cannot {operation} {grainId}: stored ETag '{storedETag}' differs from '{expected}'.",
                storedETag,
                expected);
        }
    }

    private SemaphoreSlim GetLock(string path) =>
        _locks[(uint)StringComparer.Ordinal.GetHashCode(path) % LockStripes];

    private T CreateInstance<T>() => _activatorProvider.GetActivator<T>().Create();

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "File grain storage '{Name}' stores grain state under {Root}")]
    private static partial void LogInitialized(ILogger logger, string name, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File grain storage '{Name}': {Operation} of {GrainId} rejected, stored ETag {Stored}, expected {Expected}")]
    private static partial void LogETagMismatch(ILogger logger, string name, string operation, GrainId grainId, string? stored, string? expected);
}
