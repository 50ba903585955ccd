using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Store.ConsumeQueues;
using RocketMQ.Orleans.Store.Index;

namespace RocketMQ.Orleans.Store.Dispatch;

/// <summary>
/// Writes a dispatched record to its consume queue and the key index, then announces its arrival. A write that
/// throws halts dispatch (see <see cref="CommitLogDispatcher"/>); a listener that throws does not: the record is stored.
/// </summary>
internal sealed class StoreDispatchSink : IDispatchSink
{
    private readonly ConsumeQueueTable consumeQueues;
    private readonly IndexService index;
    private readonly Func<Action<MessageArrival>?> arrivalListener;
    private readonly ILogger logger;

    public StoreDispatchSink(ConsumeQueueTable consumeQueues, IndexService index, Func<Action<MessageArrival>?> arrivalListener, ILogger logger)
    {
        this.logger = logger;
        this.consumeQueues = consumeQueues;
        this.index = index;
        this.arrivalListener = arrivalListener;
    }

    public void Dispatch(in DispatchRequest request)
    {
        var queue = consumeQueues.GetOrCreate(request.Topic, request.QueueId);
        queue.PutEntry(request.QueueOffset, request.CommitLogOffset, request.Size, request.TagsCode);

        // The index ignores records it already holds, so a redispatch from the checkpoint adds no duplicates.
        if (request.CommitLogOffset >= index.EndPhyOffset)
        {
            var keys = request.Keys;
            while (!keys.IsEmpty)
            {
                int space = keys.IndexOf((byte)' ');
                var key = space < 0 ? keys : keys[..space];
                if (!key.IsEmpty)
                    index.Put(request.Topic, key, request.CommitLogOffset, request.StoreTimestamp);
                keys = space < 0 ? default : keys[(space + 1)..];
            }
            if (!request.UniqKey.IsEmpty)
                index.Put(request.Topic, request.UniqKey, request.CommitLogOffset, request.StoreTimestamp);
        }

        try
        {
            arrivalListener()?.Invoke(new MessageArrival(request.Topic, request.QueueId, request.QueueOffset, request.TagsCode, request.StoreTimestamp, request.StoredMessage));
        }
        catch (Exception ex)
        {
            StoreLog.ArrivalListenerFailed(logger, request.Topic, request.QueueId, request.QueueOffset, ex);
        }
    }
}
