namespace RocketMQ.Orleans.Store.Dispatch;

/// <summary>Receives committed records in log order (consume queues, index, arrival notification).</summary>
internal interface IDispatchSink
{
    /// <summary>Applies one record. Must be idempotent: after a crash records are dispatched again from the checkpoint.</summary>
    void Dispatch(in DispatchRequest request);
}
