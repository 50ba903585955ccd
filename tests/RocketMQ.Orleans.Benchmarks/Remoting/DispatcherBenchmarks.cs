using System.Net;
using BenchmarkDotNet.Attributes;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Benchmarks.Remoting;

/// <summary>
/// The request path without sockets (the transport seam): look up the processor, hop to its executor, run it and
/// hand the response back to the connection. This is the per-request cost the broker adds on top of DotNetty.
/// </summary>
[MemoryDiagnoser]
public class DispatcherBenchmarks
{
    private const int Requests = 10_000;
    private const int EchoCode = 100;
    private readonly CountingConnection _connection = new();
    private RequestExecutor _executor = null!;
    private RequestDispatcher _dispatcher = null!;
    private RemotingCommand _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _executor = new RequestExecutor(new RequestExecutorOptions { Concurrency = Environment.ProcessorCount, QueueCapacity = Requests * 2 });
        _dispatcher = new RequestDispatcherBuilder().Register(EchoCode, new SuccessProcessor(), _executor).Build();
        _request = RemotingCommand.CreateRequest(EchoCode);
    }

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _executor.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task DispatchAndRespond()
    {
        var target = _connection.Sent + Requests;
        for (var i = 0; i < Requests; i++)
        {
            _dispatcher.Dispatch(_connection, _request);
        }

        while (_connection.Sent < target)
        {
            await Task.Yield();
        }
    }

    private sealed class SuccessProcessor : IRequestProcessor
    {
        public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(ResponseCode.Success));
    }

    private sealed class CountingConnection : IRemotingConnection
    {
        private long _sent;

        public long Sent => Interlocked.Read(ref _sent);

        public string Id => "benchmark";

        public EndPoint? RemoteEndPoint => null;

        public EndPoint? LocalEndPoint => null;

        public bool IsActive => true;

        public ValueTask SendAsync(RemotingCommand command)
        {
            Interlocked.Increment(ref _sent);
            return ValueTask.CompletedTask;
        }

        public Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask InvokeOnewayAsync(RemotingCommand request) => throw new NotSupportedException();

        public void Close()
        {
        }
    }
}
