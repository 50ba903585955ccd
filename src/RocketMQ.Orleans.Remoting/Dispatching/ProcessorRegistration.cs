namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>
/// Which processor handles a code, and on which executor it runs; no executor means on the connection's event loop
/// (see <see cref="RequestDispatcherBuilder.RegisterOnEventLoop(IEnumerable{int}, IRequestProcessor)"/>).
/// </summary>
public sealed record ProcessorRegistration(IRequestProcessor Processor, RequestExecutor? Executor);
