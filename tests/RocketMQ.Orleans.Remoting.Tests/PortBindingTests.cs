using System.Net;
using System.Net.Sockets;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

public sealed class PortBindingTests
{
    private const int EchoCode = 100;

    [Fact]
    public async Task A_second_server_cannot_bind_a_port_already_in_use()
    {
        await using var first = await TestServer.StartAsync((builder, executor) => builder.Register(EchoCode, new EchoProcessor(), executor(1, 10)));
        var port = first.EndPoint.Port;

        await using var second = RemotingServer.CreateBroker(
            TestServer.Options(o => { o.ListenPort = port; o.EnableVipChannel = false; }),
            new Dispatching.RequestDispatcherBuilder().Build());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => second.StartAsync());
        Assert.True(IsAddressInUse(error), $"expected 'address already in use', got {error}");
        await using var client = new RemotingClient();
        var connection = await client.ConnectAsync(first.EndPoint);
        Assert.Equal(ResponseCode.Success, (await connection.InvokeAsync(RemotingCommand.CreateRequest(EchoCode), TimeSpan.FromSeconds(10))).Code);
    }

    [Fact]
    public async Task A_restarted_server_rebinds_its_port_while_old_connections_are_in_time_wait()
    {
        var first = await TestServer.StartAsync((builder, executor) => builder.Register(EchoCode, new EchoProcessor(), executor(1, 10)));
        var port = first.EndPoint.Port;
        await using (var client = new RemotingClient())
        {
            var connection = await client.ConnectAsync(first.EndPoint);
            Assert.Equal(ResponseCode.Success, (await connection.InvokeAsync(RemotingCommand.CreateRequest(EchoCode), TimeSpan.FromSeconds(10))).Code);

            // The server closes the accepted connection first, so the server side of it goes to TIME_WAIT.
            await first.DisposeAsync();
        }

        await using var restarted = await TestServer.StartAsync(
            (builder, executor) => builder.Register(EchoCode, new EchoProcessor(), executor(1, 10)),
            o => { o.ListenPort = port; o.EnableVipChannel = false; });
        await using var again = new RemotingClient();
        var reconnected = await again.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        Assert.Equal(ResponseCode.Success, (await reconnected.InvokeAsync(RemotingCommand.CreateRequest(EchoCode), TimeSpan.FromSeconds(10))).Code);
    }

    private static bool IsAddressInUse(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }

            if (error is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse))
            {
                return true;
            }
        }

        return false;
    }
}
