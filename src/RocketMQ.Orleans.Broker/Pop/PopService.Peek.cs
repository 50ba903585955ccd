using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Pop;

public sealed partial class PopService
{
    /// <summary>
    /// Apache PEEK_MESSAGE: up to <paramref name="maxMessages"/> messages the group's next pops would read (its
    /// retry topic first, then the topic's queues, or one queue), without taking them: nothing becomes invisible.
    /// </summary>
    public async Task<PopResult> PeekAsync(string group, string topic, int queueId, int maxMessages, CancellationToken cancellationToken = default)
    {
        var result = new PopResult();
        var remaining = Math.Clamp(maxMessages, 1, _options.MaxBatchSize);
        try
        {
            foreach (var (name, queue) in await QueuesOfAsync(group, topic, queueId).ConfigureAwait(false))
            {
                if (remaining == 0)
                {
                    break;
                }

                long cursor;
                var state = StateOf(group, name, queue);
                lock (state.InFlight)
                {
                    cursor = state.Cursor;
                }

                var read = await _runtime.Store.GetMessageAsync(group, name, queue, cursor, remaining, ct: cancellationToken).ConfigureAwait(false);
                if (read.Status != GetMessageStatus.Found)
                {
                    read.Dispose();
                    continue;
                }

                for (var i = 0; i < read.MessageCount; i++)
                {
                    var stored = read.GetMessage(i);
                    StoredMessageView.TryParse(stored.Span, out var view);
                    result.Add(new PoppedMessage(stored, default, view.ReconsumeTimes + 1));
                    remaining--;
                }

                result.Keep(read);
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }

        return result;
    }

    /// <summary>
    /// Apache NOTIFICATION: whether a pop of the group would find a message now, waiting up to
    /// <paramref name="pollTime"/> for one to arrive (or a FIFO queue to free up) when none is ready. A wait counts
    /// against the same long-polling limits as a pop's; past them the answer is at once, with polling full.
    /// </summary>
    public async Task<PopNotification> WaitForMessageAsync(string group, string topic, int queueId, bool fifo, TimeSpan pollTime,
        CancellationToken cancellationToken = default)
    {
        var retryTopic = SystemTopics.GetRetryTopic(group);
        using var poll = new LongPoll(this, group, topic, pollTime);
        while (true)
        {
            var arrived = Task.WhenAny(ArrivalOf(topic), ArrivalOf(retryTopic));
            if (await HasMessageAsync(group, topic, queueId, fifo).ConfigureAwait(false))
            {
                return new PopNotification(HasMessage: true, PollingFull: false);
            }

            if (poll.Expired)
            {
                return default;
            }

            if (!poll.TryHold())
            {
                return new PopNotification(HasMessage: false, PollingFull: true);
            }

            await poll.WaitAsync(arrived, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Messages left for the group's pops in its retry topic and the topic (or one queue of it): Apache's restNum.</summary>
    public async ValueTask<long> RestCountAsync(string group, string topic, int queueId)
    {
        long rest = 0;
        foreach (var (name, queue) in await QueuesOfAsync(group, topic, queueId).ConfigureAwait(false))
        {
            var state = StateOf(group, name, queue);
            lock (state.InFlight)
            {
                rest += Math.Max(0, _runtime.Store.GetMaxOffsetInQueue(name, queue) - state.Cursor);
            }
        }

        return rest;
    }

    private async ValueTask<bool> HasMessageAsync(string group, string topic, int queueId, bool fifo)
    {
        var now = Now;
        foreach (var (name, queue) in await QueuesOfAsync(group, topic, queueId).ConfigureAwait(false))
        {
            var state = StateOf(group, name, queue);
            lock (state.InFlight)
            {
                var blocked = fifo && (state.Spilled > 0 || state.InFlight.Values.Any(entry => entry.VisibleAt > now || !entry.IsFifo));
                if (!blocked && (state.Cursor < _runtime.Store.GetMaxOffsetInQueue(name, queue) || (fifo && state.InFlight.Count > 0)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The queues a pop of the group reads: every queue of its retry topic, then the topic's (or one of them).</summary>
    private async ValueTask<List<(string Topic, int QueueId)>> QueuesOfAsync(string group, string topic, int queueId)
    {
        var queues = new List<(string, int)>();
        foreach (var name in new[] { SystemTopics.GetRetryTopic(group), topic })
        {
            var config = await _runtime.Topics.GetAsync(name).ConfigureAwait(false);
            if (config is null || !PermName.IsReadable(config.Perm))
            {
                continue;
            }

            if (name == topic && queueId >= 0)
            {
                if (queueId < config.ReadQueueNums)
                {
                    queues.Add((name, queueId));
                }

                continue;
            }

            for (var i = 0; i < config.ReadQueueNums; i++)
            {
                queues.Add((name, i));
            }
        }

        return queues;
    }
}
