using System.Net;
using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Benchmarks.Support;

/// <summary>
/// A connection processors answer on directly (their responses are returned, not sent): a producer or consumer at
/// <see cref="SampleMessages.BornHost"/>.
/// </summary>
internal sealed class BenchmarkConnection : IRemotingConnection
{
    public string Id => "benchmark";

    public EndPoint? RemoteEndPoint => SampleMessages.BornHost;

    public EndPoint? LocalEndPoint => SampleMessages.StoreHost;

    public bool IsActive => true;

    public ValueTask SendAsync(RemotingCommand command) => ValueTask.CompletedTask;

    public Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public ValueTask InvokeOnewayAsync(RemotingCommand request) => ValueTask.CompletedTask;

    public void Close()
    {
    }
}
