using System.Diagnostics;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;
using Xunit.Abstractions;

namespace RocketMQ.Orleans.Remoting.Tests;

/// <summary>
/// A quick Stopwatch figure (not a benchmark): round trips/s with 16 connections × 32 requests in flight and a
/// trivial processor, client and server in this process on loopback. Printed to the test output.
/// </summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    private const int EchoCode = 100;
    private const int Connections = 16;
    private const int InFlight = 32;
    private static readonly TimeSpan Warmup = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Round_trips_per_second_16_connections_x_32_in_flight()
    {
        await using var server = await TestServer.StartAsync((builder, executor) =>
            builder.Register(EchoCode, new TrivialProcessor(), executor(Environment.ProcessorCount, 10_000)));
        await using var client = new RemotingClient();
        var connections = new List<IRemotingConnection>();
        for (var i = 0; i < Connections; i++)
        {
            connections.Add(await client.ConnectAsync(server.EndPoint));
        }

        long completed = 0;
        long failed = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var body = new byte[128];
        var workers = connections.SelectMany(connection => Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await connection.InvokeAsync(RemotingCommand.CreateRequest(EchoCode, body: body), TimeSpan.FromSeconds(10));
                if (Volatile.Read(ref measuring))
                {
                    Interlocked.Increment(ref response.Code == ResponseCode.Success ? ref completed : ref failed);
                }
            }
        }))).ToArray();

        await Task.Delay(Warmup);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        Volatile.Write(ref measuring, true);
        var watch = Stopwatch.StartNew();
        await Task.Delay(Measured);
        Volatile.Write(ref measuring, false);
        var elapsed = watch.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var count = Interlocked.Read(ref completed);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // CPU per round trip (client + server, both in this process) stays meaningful on a shared, loaded machine.
        output.WriteLine($"{count / elapsed.TotalSeconds:N0} round trips/s ({Connections} connections x {InFlight} in flight, {Environment.ProcessorCount} cores, {count} in {elapsed.TotalMilliseconds:N0} ms); CPU {cpu.TotalMicroseconds / Math.Max(1, count):N1} µs per round trip");
        Assert.Equal(0, Interlocked.Read(ref failed));
        Assert.True(count > 0);
    }

    [Fact]
    public async Task Dispatcher_alone_requests_per_second()
    {
        await using var executor = new RequestExecutor(new RequestExecutorOptions { Concurrency = Environment.ProcessorCount, QueueCapacity = 100_000 });
        var dispatcher = new RequestDispatcherBuilder().Register(EchoCode, new TrivialProcessor(), executor).Build();
        var connection = new CountingConnection();
        const int Requests = 200_000;
        var request = RemotingCommand.CreateRequest(EchoCode);

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            while (executor.QueuedCount > 50_000)
            {
                await Task.Yield();
            }

            dispatcher.Dispatch(connection, request);
        }

        await Eventually.TrueAsync(() => connection.Sent == Requests, "every request answered");
        output.WriteLine($"{Requests / watch.Elapsed.TotalSeconds:N0} requests/s through the dispatcher without sockets");
    }

    private sealed class TrivialProcessor : IRequestProcessor
    {
        public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(ResponseCode.Success));
    }

    private sealed class CountingConnection : IRemotingConnection
    {
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        public string Id => "counting";

        public System.Net.EndPoint? RemoteEndPoint => null;

        public System.Net.EndPoint? LocalEndPoint => null;

        public bool IsActive => true;

        public ValueTask SendAsync(RemotingCommand command)
        {
            Interlocked.Increment(ref _sent);
            return ValueTask.CompletedTask;
        }

        public Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask InvokeOnewayAsync(RemotingCommand request) => throw new NotSupportedException();

        public void Close()
        {
        }
    }
}
