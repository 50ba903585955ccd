using Microsoft.Extensions.Logging;
using Orleans.Streams;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Streaming.Monitoring;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Reads one queue of the local broker group for its pulling agent: from the consumer group's committed offset
/// (the oldest retained one the first time), in order, and commits past what the cache has purged — messages every
/// subscriber has been handed — so a restart resumes where delivery stood (at-least-once).
/// </summary>
internal sealed class RocketMQQueueReceiver(
    QueueLogReader log,
    LocalBroker broker,
    string consumerGroup,
    RocketMQStreamOptions options,
    RocketMQStreamQueueMapper mapper,
    StreamMessageWriter writer,
    ProducerFlowControl flowControl,
    QueueTail? tail,
    QueueCacheCounters counters,
    ILogger logger) : IQueueAdapterReceiver
{
    private readonly StreamQueue _queue = log.Queue;
    private long _nextOffset = -1;
    private long _committed = -1;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        // The store opens after Orleans has started; until then the queue has nothing to give.
        if (!broker.TryGetStore(out var store)) return [];
        if (_nextOffset < 0 && !await StartAsync(store).ConfigureAwait(false)) return [];

        int max = maxCount <= 0 ? options.PullBatchSize : Math.Min(maxCount, options.PullBatchSize);

        // Events a grain of this silo just stored here come from the tail, without reading them back.
        if (tail?.Take(_nextOffset, max) is { } produced)
        {
            _nextOffset += produced.Count;
            counters.TookFromTail(produced.Count);
            return produced;
        }

        // Past the tail, the store's queue may not yet show what the tail handed out (its dispatch follows the put a
        // little behind): wait for it rather than read past its end (which answers with an offset to restart from).
        if (tail is not null && _nextOffset > store.GetMaxOffsetInQueue(_queue.Topic, _queue.QueueId)) return [];

        var batch = await log.ReadAsync(_nextOffset, max, cancellationToken).ConfigureAwait(false);
        if (batch.Status is GetMessageStatus.OffsetTooSmall or GetMessageStatus.OffsetOverflowBadly)
            StreamLog.OffsetMoved(logger, _queue.ToString(), _nextOffset, batch.NextOffset);
        var events = batch.Events.Count == 0 ? [] : await RehomeStrangersAsync(batch.Events).ConfigureAwait(false);
        if (batch.Status is not (GetMessageStatus.NoMatchedLogicQueue or GetMessageStatus.NoMessageInQueue or GetMessageStatus.OffsetOverflowOne))
        {
            _nextOffset = batch.NextOffset;
            tail?.MoveTo(_nextOffset);
        }

        return events;
    }

    /// <summary>
    /// Orleans binds a rewindable stream to one queue (its delivery handshake compares tokens of that queue), so a
    /// wire message whose key maps to another queue — a producer that spread a key over queues — is copied to the
    /// key's own queue (marked <see cref="StreamMessageProperties.ForwardedFrom"/>) and delivered from there.
    /// </summary>
    private async Task<IList<IBatchContainer>> RehomeStrangersAsync(List<RocketMQBatchContainer> read)
    {
        List<IBatchContainer> mine = new(read.Count);
        List<(StreamQueue Home, byte[] Body, string Properties)>? strangers = null;
        foreach (var container in read)
        {
            var home = mapper.GetStreamQueue(container.StreamId);
            if (home == _queue || container.Message is not { } message || message.Properties.ContainsKey(StreamMessageProperties.ForwardedFrom))
            {
                mine.Add(container);
                continue;
            }

            var properties = new Dictionary<string, string>(message.Properties, StringComparer.Ordinal)
            {
                [StreamMessageProperties.StreamKey] = container.StreamId.GetKeyAsString(),
                [StreamMessageProperties.ForwardedFrom] = $"{_queue.BrokerName}/{_queue.QueueId}/{message.QueueOffset}",
            };
            (strangers ??= []).Add((home, message.Body, MessageProperties.Encode(properties)));
        }

        if (strangers is not null)
        {
            try
            {
                foreach (var group in strangers.GroupBy(s => s.Home))
                    await writer.WriteAsync(group.Key, [.. group.Select(s => (s.Body, s.Properties))]).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Not advancing: the agent reads the same messages again and the copy is retried.
                StreamLog.RehomeFailed(logger, _queue.ToString(), ex);
                throw;
            }

            StreamLog.Rehomed(logger, _queue.ToString(), strangers.Count);
        }

        return mine;
    }

    private async Task<bool> StartAsync(MessageStore store)
    {
        try
        {
            await broker.EnsureTopicAsync(_queue.Topic, options.QueuesPerTopic).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Wire clients need the route, the provider does not: read anyway and try again next time.
            StreamLog.TopicNotCreated(logger, _queue.ToString(), ex);
        }

        long committed = store.ConsumerOffsets.Query(consumerGroup, _queue.Topic, _queue.QueueId);
        long min = Math.Max(0, store.GetMinOffsetInQueue(_queue.Topic, _queue.QueueId));
        long maxOffset = store.GetMaxOffsetInQueue(_queue.Topic, _queue.QueueId);
        _committed = committed;
        _nextOffset = committed >= 0 ? Math.Max(committed, min) : min;
        tail?.MoveTo(_nextOffset);
        StreamLog.ReceiverStarted(logger, _queue.ToString(), _nextOffset, committed, min, maxOffset, consumerGroup);
        return true;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        long past = -1;
        foreach (var message in messages)
        {
            long offset = ((RocketMQBatchContainer)message).QueueOffset + 1;
            if (offset > past) past = offset;
        }

        // Purged entries are consecutive from the window's start, so everything below "past" has been handed out.
        if (past > _committed && broker.TryGetStore(out var store))
        {
            store.ConsumerOffsets.Commit(consumerGroup, _queue.Topic, _queue.QueueId, past);
            _committed = past;
            flowControl.Committed(_queue); // wakes producers waiting for this queue's backlog to drop
        }

        return Task.CompletedTask;
    }

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
}
