namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>
/// Implemented by connections that bound their in-flight requests: the dispatcher reports each request once,
/// when its response (if any) has been handed to the connection.
/// </summary>
internal interface IRequestCompletionSink
{
    void OnRequestCompleted();
}
