using System.Net;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests.Support;

/// <summary>A server on an ephemeral loopback port with the given registrations, plus the executors it owns.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly List<RequestExecutor> _executors = [];

    private TestServer(RemotingServer server, List<RequestExecutor> executors, RecordingListener listener)
    {
        Server = server;
        _executors = executors;
        Listener = listener;
    }

    public RemotingServer Server { get; }

    public RecordingListener Listener { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Server.LocalEndPoints[0].Port);

    public string Address => $"127.0.0.1:{EndPoint.Port}";

    public static RemotingServerOptions Options(Action<RemotingServerOptions>? configure = null)
    {
        var options = new RemotingServerOptions
        {
            ListenPort = 0,
            BindAddress = "127.0.0.1",
            ServerSelectorThreads = 1,
            ShutdownTimeout = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        return options;
    }

    public static async Task<TestServer> StartAsync(
        Action<RequestDispatcherBuilder, Func<int, int, RequestExecutor>> register,
        Action<RemotingServerOptions>? configure = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var executors = new List<RequestExecutor>();
        RequestExecutor NewExecutor(int concurrency, int capacity)
        {
            var executor = new RequestExecutor(new RequestExecutorOptions { Name = "test", Concurrency = concurrency, QueueCapacity = capacity });
            executors.Add(executor);
            return executor;
        }

        var builder = new RequestDispatcherBuilder();
        register(builder, NewExecutor);
        var listener = new RecordingListener();
        var server = RemotingServer.CreateBroker(Options(configure), builder.Build(loggerFactory), loggerFactory, listener);
        await server.StartAsync();
        return new TestServer(server, executors, listener);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var executor in _executors)
        {
            await executor.DisposeAsync();
        }
    }
}
