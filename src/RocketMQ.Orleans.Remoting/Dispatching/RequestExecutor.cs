using System.Threading.Channels;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>
/// A bounded pool of workers fed by a bounded queue: the network event loop only enqueues, so a slow
/// processor never stalls other connections, and a full queue is reported instead of buffered without limit.
/// </summary>
public sealed class RequestExecutor : IAsyncDisposable
{
    private readonly Channel<RequestWorkItem> _queue;
    private readonly Task[] _workers;

    public RequestExecutor(RequestExecutorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1);
        Name = options.Name;
        Concurrency = options.Concurrency;
        QueueCapacity = options.QueueCapacity;
        _queue = Channel.CreateBounded<RequestWorkItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = options.Concurrency == 1,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        _workers = new Task[options.Concurrency];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Run(RunWorkerAsync);
        }
    }

    public string Name { get; }

    public int Concurrency { get; }

    public int QueueCapacity { get; }

    /// <summary>Requests waiting for a worker.</summary>
    public int QueuedCount => _queue.Reader.Count;

    internal bool TryEnqueue(in RequestWorkItem item) => _queue.Writer.TryWrite(item);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }

    private async Task RunWorkerAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                // Execute never throws: errors become SYSTEM_ERROR responses inside the dispatcher.
                item.Dispatcher.Execute(in item);
            }
        }
    }
}
