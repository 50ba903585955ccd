namespace RocketMQ.Orleans.Store;

/// <summary>Runtime figures of the store (for GET_BROKER_RUNTIME_INFO).</summary>
public readonly record struct MessageStoreStats(
    long PutMessageCount,
    long PutMessageBytes,
    long PutMessageFailedCount,
    TimeSpan PutLatencyAverage,
    TimeSpan PutLatencyMax,
    long GetMessageFoundCount,
    long CommitRounds,
    long Fsyncs,
    long MinPhysicalOffset,
    long MaxPhysicalOffset,
    long DispatchBehindBytes);
