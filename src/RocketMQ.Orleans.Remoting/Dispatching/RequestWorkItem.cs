using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>A queued request; a struct so enqueueing allocates nothing beyond the request itself.</summary>
internal readonly record struct RequestWorkItem(
    RequestDispatcher Dispatcher,
    IRequestProcessor Processor,
    IRemotingConnection Connection,
    RemotingCommand Request,
    long ReceivedTimestamp);
