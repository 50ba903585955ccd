namespace RocketMQ.Orleans.Store;

/// <summary>A message became readable in its consume queue (raised by the dispatcher, for long polling).</summary>
public readonly record struct MessageArrival(string Topic, int QueueId, long QueueOffset, long TagsCode, long StoreTimestamp);
