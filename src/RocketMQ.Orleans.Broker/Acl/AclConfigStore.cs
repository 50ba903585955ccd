using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>
/// This silo's copy of plain_acl.yml: loaded on first use (a bad or missing file then fails the start), and read
/// again after it changes, once <see cref="AclOptions.ReloadDelay"/> passed without further change. A file that no
/// longer parses keeps the last good configuration and logs why; an unchanged file is not parsed again.
/// </summary>
public sealed class AclConfigStore : IDisposable
{
    private readonly AclOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly string _path;
    private AclConfig? _current;
    private byte[]? _loadedHash;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private long _version;

    public AclConfigStore(IOptions<AclOptions> options, ILogger<AclConfigStore> logger)
    {
        _options = options.Value;
        _logger = logger;
        _path = Path.GetFullPath(_options.File ?? "plain_acl.yml");
    }

    /// <summary>The configuration in force; the first call loads the file and starts watching it.</summary>
    public AclConfig Current => Volatile.Read(ref _current) ?? Start();

    /// <summary>Increases with every configuration taken into use (tests wait on it).</summary>
    public long Version => Interlocked.Read(ref _version);

    public bool Enabled => _options.Enabled;

    /// <summary>Loads the file (throwing <see cref="AclConfigException"/> if it cannot be used) and watches it.</summary>
    public AclConfig Start()
    {
        lock (_gate)
        {
            if (_current is { } started)
            {
                return started;
            }

            var (config, hash) = Read();
            Publish(config, hash);
            _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
            // The whole directory: a file replaced by a rename (how editors and config tools save) reaches a name filter
            // only as the temporary file's name.
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!)
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Error += (_, e) => AclLog.WatchFailed(_logger, e.GetException(), _path);
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            AclLog.Loaded(_logger, _path, config.Accounts.Count, config.GlobalWhiteRemoteAddresses.Length);
            return config;
        }
    }

    /// <summary>Reads the file now (the watcher calls this after the quiet time); keeps the last good configuration on failure.</summary>
    public bool Reload()
    {
        try
        {
            var bytes = File.ReadAllBytes(_path);
            var hash = SHA256.HashData(bytes);
            lock (_gate)
            {
                if (_loadedHash is { } loaded && loaded.AsSpan().SequenceEqual(hash))
                {
                    return false;
                }
            }

            var config = PlainAclFileParser.Parse(System.Text.Encoding.UTF8.GetString(bytes));
            lock (_gate)
            {
                Publish(config, hash);
            }

            AclLog.Reloaded(_logger, _path, config.Accounts.Count, config.GlobalWhiteRemoteAddresses.Length);
            return true;
        }
        catch (Exception exception) when (exception is AclConfigException or IOException or UnauthorizedAccessException)
        {
            AclLog.ReloadFailed(_logger, exception, _path);
            return false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _watcher?.Dispose();
            _watcher = null;
            _debounce?.Dispose();
            _debounce = null;
        }
    }

    private (AclConfig Config, byte[] Hash) Read()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(_path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AclConfigException($"Cannot read the ACL file {_path}: {exception.Message}", exception);
        }

        return (PlainAclFileParser.Parse(System.Text.Encoding.UTF8.GetString(bytes)), SHA256.HashData(bytes));
    }

    private void Publish(AclConfig config, byte[] hash)
    {
        _loadedHash = hash;
        Volatile.Write(ref _current, config);
        Interlocked.Increment(ref _version);
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (!string.Equals(e.FullPath, _path, StringComparison.Ordinal) &&
            !(e is RenamedEventArgs renamed && string.Equals(renamed.OldFullPath, _path, StringComparison.Ordinal)))
        {
            return;
        }

        // Editors write in several steps; wait for a quiet moment before reading.
        lock (_gate)
        {
            _debounce?.Change(_options.ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }
}
