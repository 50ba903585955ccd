using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Tests.Support;

/// <summary>An in-memory client connection: receives the dispatcher's responses and records broker → client requests.</summary>
internal sealed class TestConnection : IRemotingConnection
{
    private static int s_nextPort = 40_000;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<RemotingCommand>> _responses = new();
    private readonly Channel<RemotingCommand> _oneway = Channel.CreateUnbounded<RemotingCommand>();
    private volatile bool _active = true;

    public TestConnection()
    {
        var port = Interlocked.Increment(ref s_nextPort);
        Id = "test-" + port;
        RemoteEndPoint = new IPEndPoint(IPAddress.Parse("10.1.2.3"), port);
    }

    public string Id { get; }

    public EndPoint? RemoteEndPoint { get; }

    public EndPoint? LocalEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 10911);

    public bool IsActive => _active;

    public bool Closed => !_active;

    /// <summary>NOTIFY_CONSUMER_IDS_CHANGED and other oneway requests the broker sent to this client.</summary>
    public ChannelReader<RemotingCommand> OnewayRequests => _oneway.Reader;

    public Task<RemotingCommand> Expect(int opaque) =>
        _responses.GetOrAdd(opaque, static _ => new TaskCompletionSource<RemotingCommand>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public ValueTask SendAsync(RemotingCommand command)
    {
        _responses.GetOrAdd(command.Opaque, static _ => new TaskCompletionSource<RemotingCommand>(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult(command);
        return ValueTask.CompletedTask;
    }

    public Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The broker sends clients only oneway requests here.");

    public ValueTask InvokeOnewayAsync(RemotingCommand request)
    {
        _oneway.Writer.TryWrite(request);
        return ValueTask.CompletedTask;
    }

    public void Close() => _active = false;
}
