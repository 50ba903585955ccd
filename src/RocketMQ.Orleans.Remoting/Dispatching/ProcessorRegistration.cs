namespace RocketMQ.Orleans.Remoting.Dispatching;

/// <summary>Which processor handles a code, and on which executor it runs.</summary>
public sealed record ProcessorRegistration(IRequestProcessor Processor, RequestExecutor Executor);
