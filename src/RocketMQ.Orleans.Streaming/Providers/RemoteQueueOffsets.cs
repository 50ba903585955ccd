using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Reads a queue of another broker group's max offset and the provider's committed offset over RocketMQ remoting
/// (GET_MAX_OFFSET, QUERY_CONSUMER_OFFSET; GET_MIN_OFFSET when the group has none yet), for producer flow control.
/// Only queries: the client it uses subscribes to nothing and commits nothing. Created on first use, as the name
/// server a silo uses is known only once its endpoints have started.
/// </summary>
internal sealed class RemoteQueueOffsets(string providerName, string consumerGroup, Func<string?> nameServerAddress, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private RocketMQPullConsumer? _client;
    private bool _disposed;

    /// <summary>The queue's max offset and the offset the group would resume at (its committed one, else the queue's min).</summary>
    public async Task<(long Max, long Committed)> QueryAsync(StreamQueue queue, CancellationToken cancellationToken = default)
    {
        var client = Client();
        var target = new MessageQueue(queue.Topic, queue.BrokerName, queue.QueueId);
        long resumeAt = await client.QueryOffsetAsync(target, cancellationToken).ConfigureAwait(false);
        if (resumeAt < 0) resumeAt = Math.Max(0, await client.GetMinOffsetAsync(target, cancellationToken).ConfigureAwait(false));
        long max = await client.GetMaxOffsetAsync(target, cancellationToken).ConfigureAwait(false);
        return (max, resumeAt);
    }

    private RocketMQPullConsumer Client()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_client is not null) return _client;
            var address = nameServerAddress() ?? throw new InvalidOperationException(
                $"RocketMQ stream provider '{providerName}': no name server to reach other broker groups (set NameServerAddress).");
            _client = new RocketMQPullConsumer(
                new RocketMQClientOptions { NameServerAddress = address, InstanceName = "orleans-streams-flow-" + providerName + "-" + Environment.ProcessId },
                new PullConsumerOptions { ConsumerGroup = consumerGroup },
                loggerFactory);
            return _client;
        }
    }

    public async ValueTask DisposeAsync()
    {
        RocketMQPullConsumer? client;
        lock (_lock)
        {
            _disposed = true;
            client = _client;
            _client = null;
        }

        if (client is not null) await client.DisposeAsync().ConfigureAwait(false);
    }
}
