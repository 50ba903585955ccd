using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

/// <summary>Broker → client calls (NOTIFY_CONSUMER_IDS_CHANGED, CHECK_TRANSACTION_STATE …) over TCP.</summary>
public sealed class ServerInvokeTests : IAsyncLifetime
{
    private const int EchoCode = 100;
    private readonly RequestExecutor _clientExecutor = new(new RequestExecutorOptions { Concurrency = 1, QueueCapacity = 100 });
    private TestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync((builder, executor) => builder.Register(EchoCode, new EchoProcessor(), executor(2, 100)));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _clientExecutor.DisposeAsync();
    }

    [Fact]
    public async Task Server_invokes_a_client_processor_and_gets_its_response()
    {
        var clientEcho = new EchoProcessor();
        var clientDispatcher = new RequestDispatcherBuilder().Register(RequestCode.NotifyConsumerIdsChanged, clientEcho, _clientExecutor).Build();
        await using var client = new RemotingClient(dispatcher: clientDispatcher);
        await client.ConnectAsync(_server.EndPoint);
        var serverSide = await SingleServerConnectionAsync();

        var request = RemotingCommand.CreateRequest(RequestCode.NotifyConsumerIdsChanged, new Dictionary<string, string> { ["consumerGroup"] = "g1" });
        var response = await serverSide.InvokeAsync(request, TimeSpan.FromSeconds(10));

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal("g1", response.ExtFields!["consumerGroup"]);
        Assert.Equal(request.Opaque, response.Opaque);
        Assert.Equal(1, clientEcho.Calls);
    }

    [Fact]
    public async Task Server_invoke_times_out_when_the_client_does_not_answer()
    {
        var silent = new SilentProcessor();
        var clientDispatcher = new RequestDispatcherBuilder().Register(RequestCode.NotifyConsumerIdsChanged, silent, _clientExecutor).Build();
        await using var client = new RemotingClient(dispatcher: clientDispatcher);
        await client.ConnectAsync(_server.EndPoint);
        var serverSide = await SingleServerConnectionAsync();

        var invoke = serverSide.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.NotifyConsumerIdsChanged), TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAsync<RemotingTimeoutException>(() => invoke);
        Assert.Equal(1, silent.Calls);
        Assert.True(serverSide.IsActive);
    }

    [Fact]
    public async Task A_client_without_processors_answers_REQUEST_CODE_NOT_SUPPORTED()
    {
        await using var client = new RemotingClient();
        await client.ConnectAsync(_server.EndPoint);
        var serverSide = await SingleServerConnectionAsync();

        var response = await serverSide.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.NotifyConsumerIdsChanged), TimeSpan.FromSeconds(10));

        Assert.Equal(ResponseCode.RequestCodeNotSupported, response.Code);
    }

    [Fact]
    public async Task Pending_invocation_fails_when_the_connection_closes()
    {
        var silent = new SilentProcessor();
        var clientDispatcher = new RequestDispatcherBuilder().Register(RequestCode.NotifyConsumerIdsChanged, silent, _clientExecutor).Build();
        await using var client = new RemotingClient(dispatcher: clientDispatcher);
        var clientSide = await client.ConnectAsync(_server.EndPoint);
        var serverSide = await SingleServerConnectionAsync();

        var invoke = serverSide.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.NotifyConsumerIdsChanged), TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => silent.Calls == 1, "the client received the request");
        clientSide.Close();

        await Assert.ThrowsAsync<RemotingConnectionException>(() => invoke.WaitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.TrueAsync(() => _server.Listener.Closed.Contains(serverSide.Id), "the server raised OnClosed");
    }

    private async Task<IRemotingConnection> SingleServerConnectionAsync()
    {
        await Eventually.TrueAsync(() => _server.Server.Connections.Count == 1, "the server accepted the client");
        return _server.Server.Connections.Single();
    }
}
