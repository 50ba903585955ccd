namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>The commit log's in-memory ring stayed full for the allowed wait: the put is answered busy, not stored.</summary>
internal sealed class RingFullException() : Exception("the commit log's in-memory ring is full: FASTER has not written its pages out yet");
