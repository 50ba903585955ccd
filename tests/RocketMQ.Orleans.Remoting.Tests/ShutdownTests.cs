using System.Diagnostics;
using System.Net.Sockets;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

public sealed class ShutdownTests
{
    private const int EchoCode = 100;
    private const int BlockCode = 102;

    [Fact]
    public async Task Server_shutdown_closes_connections_fails_pending_calls_and_frees_the_port()
    {
        using var blocking = new BlockingProcessor();
        var server = await TestServer.StartAsync((builder, executor) =>
        {
            builder.Register(EchoCode, new EchoProcessor(), executor(1, 10));
            builder.Register(BlockCode, blocking, executor(1, 10));
        });
        var endPoint = server.EndPoint;
        await using var client = new RemotingClient();
        var connection = await client.ConnectAsync(endPoint);
        Assert.Equal(ResponseCode.Success, (await connection.InvokeAsync(RemotingCommand.CreateRequest(EchoCode), TimeSpan.FromSeconds(10))).Code);
        var pending = connection.InvokeAsync(RemotingCommand.CreateRequest(BlockCode), TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => blocking.Entered == 1, "the request is being processed");

        var watch = Stopwatch.StartNew();
        await server.Server.DisposeAsync();
        var stopTime = watch.Elapsed;
        blocking.Release();
        await server.DisposeAsync();

        Assert.True(stopTime < TimeSpan.FromSeconds(3), $"stopped in {stopTime}");
        await Assert.ThrowsAsync<RemotingConnectionException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.TrueAsync(() => !connection.IsActive, "the client sees the connection closed");
        Assert.Single(server.Listener.Closed);
        Assert.Empty(server.Server.Connections);
        await Assert.ThrowsAsync<RemotingConnectionException>(() => client.ConnectAsync(endPoint));
    }

    [Fact]
    public async Task Client_dispose_fails_its_pending_calls()
    {
        using var blocking = new BlockingProcessor();
        await using var server = await TestServer.StartAsync((builder, executor) => builder.Register(BlockCode, blocking, executor(1, 10)));
        var client = new RemotingClient();
        var connection = await client.ConnectAsync(server.EndPoint);
        var pending = connection.InvokeAsync(RemotingCommand.CreateRequest(BlockCode), TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => blocking.Entered == 1, "the request is being processed");

        await client.DisposeAsync();
        blocking.Release();

        await Assert.ThrowsAsync<RemotingConnectionException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(connection.IsActive);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ConnectAsync(server.EndPoint));
    }

    [Fact]
    public async Task Disposing_twice_is_harmless()
    {
        var server = await TestServer.StartAsync((builder, executor) => builder.Register(EchoCode, new EchoProcessor(), executor(1, 10)));
        await server.Server.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Connections_report_IPv4_addresses()
    {
        await using var server = await TestServer.StartAsync((builder, executor) => builder.Register(EchoCode, new EchoProcessor(), executor(1, 10)));
        await using var client = new RemotingClient();
        var connection = await client.ConnectAsync(server.EndPoint);
        await Eventually.TrueAsync(() => server.Server.Connections.Count == 1, "accepted");

        var serverSide = Assert.IsType<System.Net.IPEndPoint>(server.Server.Connections.Single().RemoteEndPoint);
        Assert.Equal(AddressFamily.InterNetwork, serverSide.Address.AddressFamily);
        Assert.Equal(connection.LocalEndPoint, serverSide);
    }
}
