namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>Allocation-free key of one (topic, queue id) pair.</summary>
internal readonly record struct TopicQueueKey(string Topic, int QueueId);
