using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RocketMQ.Orleans.Store.Hosting;

/// <summary>Opens the store when the host starts; flushes and closes it when the host stops (Ctrl-C included).</summary>
public sealed partial class MessageStoreHostedService(
    IOptions<MessageStoreOptions> options,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider,
    ILogger<MessageStoreHostedService> logger) : IHostedService, IMessageStoreAccessor, IAsyncDisposable
{
    private MessageStore? _store;

    public MessageStore Store => _store ?? throw new InvalidOperationException("The message store has not been started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var dataPath = Path.GetFullPath(settings.DataPath);
        _store = await MessageStore.OpenAsync(settings, loggerFactory, timeProvider, cancellationToken).ConfigureAwait(false);
        LogOpened(dataPath, settings.FlushDiskType, _store.MinPhysicalOffset, _store.MaxPhysicalOffset);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _store, null) is { } store)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            LogClosed();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message store opened at {DataPath} ({FlushDiskType}); commit log spans [{MinOffset}, {MaxOffset})")]
    private partial void LogOpened(string dataPath, FlushDiskType flushDiskType, long minOffset, long maxOffset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message store flushed and closed cleanly")]
    private partial void LogClosed();
}
