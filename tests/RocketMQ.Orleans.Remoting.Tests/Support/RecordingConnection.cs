using System.Net;
using System.Threading.Channels;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Remoting.Tests.Support;

/// <summary>An in-memory connection: drives the dispatcher without sockets and records what it sends.</summary>
internal sealed class RecordingConnection : IRemotingConnection
{
    private readonly Channel<RemotingCommand> _sent = Channel.CreateUnbounded<RemotingCommand>();

    public string Id => "memory";

    public EndPoint? RemoteEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 1);

    public EndPoint? LocalEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 2);

    public bool IsActive => true;

    public int SentCount => _sent.Reader.Count;

    public ValueTask SendAsync(RemotingCommand command)
    {
        _sent.Writer.TryWrite(command);
        return ValueTask.CompletedTask;
    }

    public async Task<RemotingCommand> NextSentAsync() =>
        await _sent.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public bool TryGetSent(out RemotingCommand? command) => _sent.Reader.TryRead(out command);

    public Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public ValueTask InvokeOnewayAsync(RemotingCommand request) => throw new NotSupportedException();

    public void Close()
    {
    }
}
