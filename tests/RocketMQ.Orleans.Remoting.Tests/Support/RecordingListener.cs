using System.Collections.Concurrent;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Remoting.Tests.Support;

internal sealed class RecordingListener : IConnectionEventListener
{
    public ConcurrentQueue<string> Connected { get; } = new();

    public ConcurrentQueue<string> Closed { get; } = new();

    public ConcurrentQueue<string> Idle { get; } = new();

    public ConcurrentQueue<Exception> Exceptions { get; } = new();

    public void OnConnected(IRemotingConnection connection) => Connected.Enqueue(connection.Id);

    public void OnClosed(IRemotingConnection connection) => Closed.Enqueue(connection.Id);

    public void OnIdle(IRemotingConnection connection) => Idle.Enqueue(connection.Id);

    public void OnException(IRemotingConnection connection, Exception exception) => Exceptions.Enqueue(exception);
}
