using System.Text;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

/// <summary>Requests and responses over real TCP on loopback.</summary>
public sealed class TcpRoundTripTests
{
    private const int EchoCode = 100;
    private const int ThrowCode = 101;
    private const int BlockCode = 102;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(SerializeType.Json)]
    [InlineData(SerializeType.RocketMQ)]
    public async Task Round_trip_answers_in_the_request_encoding(SerializeType serializeType)
    {
        await using var server = await StartEchoServerAsync();
        await using var client = new RemotingClient();
        var request = RemotingCommand.CreateRequest(EchoCode, new Dictionary<string, string> { ["topic"] = "TopicTest", ["queueId"] = "3" }, Encoding.UTF8.GetBytes("hello"));
        request.SerializeType = serializeType;

        var response = await client.InvokeAsync(server.Address, request, Timeout);

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal("echo", response.Remark);
        Assert.Equal(request.Opaque, response.Opaque);
        Assert.True(response.IsResponse);
        Assert.Equal(serializeType, response.SerializeType);
        Assert.Equal("TopicTest", response.ExtFields!["topic"]);
        Assert.Equal("3", response.ExtFields["queueId"]);
        Assert.Equal("hello", Encoding.UTF8.GetString(response.Body.Span));
    }

    [Fact]
    public async Task Response_on_the_wire_uses_the_request_serialize_type()
    {
        await using var server = await StartEchoServerAsync();
        using var raw = await RawConnection.ConnectAsync(server.EndPoint);
        var request = new RemotingCommand { Code = EchoCode, Opaque = 31, SerializeType = SerializeType.RocketMQ };

        await raw.SendAsync(request);
        var response = await raw.ReceiveAsync();

        Assert.NotNull(response);
        Assert.Equal(SerializeType.RocketMQ, response.SerializeType);
        Assert.Equal(31, response.Opaque);
        Assert.True(response.IsResponse);
    }

    [Fact]
    public async Task Many_concurrent_requests_on_one_connection_correlate_by_opaque()
    {
        await using var server = await StartEchoServerAsync();
        await using var client = new RemotingClient();
        var connection = await client.ConnectAsync(server.EndPoint);

        var calls = Enumerable.Range(0, 500).Select(async i =>
        {
            var request = RemotingCommand.CreateRequest(EchoCode, new Dictionary<string, string> { ["i"] = i.ToString() }, BitConverter.GetBytes(i));
            request.SerializeType = i % 2 == 0 ? SerializeType.Json : SerializeType.RocketMQ;
            var response = await connection.InvokeAsync(request, Timeout);
            return (i, response);
        });
        var results = await Task.WhenAll(calls);

        Assert.All(results, result =>
        {
            Assert.Equal(result.i.ToString(), result.response.ExtFields!["i"]);
            Assert.Equal(result.i, BitConverter.ToInt32(result.response.Body.Span));
        });
    }

    [Fact]
    public async Task Oneway_request_is_processed_but_gets_no_response()
    {
        var echo = new EchoProcessor();
        await using var server = await TestServer.StartAsync((builder, executor) => builder.Register(EchoCode, echo, executor(1, 100)));
        using var raw = await RawConnection.ConnectAsync(server.EndPoint);
        var oneway = new RemotingCommand { Code = EchoCode, Opaque = 1 };
        oneway.MarkOneway();

        await raw.SendAsync(oneway);
        await raw.SendAsync(new RemotingCommand { Code = EchoCode, Opaque = 2 });
        var first = await raw.ReceiveAsync();

        Assert.Equal(2, first!.Opaque);
        Assert.Equal(2, echo.Calls);
    }

    [Fact]
    public async Task Unknown_code_gets_REQUEST_CODE_NOT_SUPPORTED()
    {
        await using var server = await StartEchoServerAsync();
        await using var client = new RemotingClient();

        var response = await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(4242), Timeout);

        Assert.Equal(ResponseCode.RequestCodeNotSupported, response.Code);
        Assert.Equal(" request type 4242 not supported", response.Remark);
    }

    [Fact]
    public async Task Processor_exception_gets_SYSTEM_ERROR_and_the_connection_stays_usable()
    {
        await using var server = await StartEchoServerAsync();
        await using var client = new RemotingClient();

        var failed = await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(ThrowCode), Timeout);
        var next = await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(EchoCode), Timeout);

        Assert.Equal(ResponseCode.SystemError, failed.Code);
        Assert.Contains("boom: processor failed", failed.Remark);
        Assert.Equal(ResponseCode.Success, next.Code);
        Assert.Single(client.Connections);
    }

    [Fact]
    public async Task Overloaded_executor_answers_SYSTEM_BUSY()
    {
        using var blocking = new BlockingProcessor();
        Dispatching.RequestExecutor? blockingExecutor = null;
        await using var server = await TestServer.StartAsync((builder, executor) =>
        {
            blockingExecutor = executor(1, 1);
            builder.Register(BlockCode, blocking, blockingExecutor);
        });
        await using var client = new RemotingClient();
        var connection = await client.ConnectAsync(server.EndPoint);

        var first = connection.InvokeAsync(RemotingCommand.CreateRequest(BlockCode), Timeout);
        await Eventually.TrueAsync(() => blocking.Entered == 1, "the only worker is busy");
        var second = connection.InvokeAsync(RemotingCommand.CreateRequest(BlockCode), Timeout);
        await Eventually.TrueAsync(() => blockingExecutor!.QueuedCount == 1, "the queue is full");
        var third = await connection.InvokeAsync(RemotingCommand.CreateRequest(BlockCode), Timeout);

        Assert.Equal(ResponseCode.SystemBusy, third.Code);
        Assert.Equal("[OVERLOAD]system busy, start flow control for a while", third.Remark);
        blocking.Release();
        Assert.Equal(ResponseCode.Success, (await first).Code);
        Assert.Equal(ResponseCode.Success, (await second).Code);
    }

    [Fact]
    public async Task Cached_connection_by_address_is_replaced_after_it_closed()
    {
        await using var server = await StartEchoServerAsync();
        await using var client = new RemotingClient();
        var first = await client.GetOrConnectAsync(server.Address);
        Assert.Same(first, await client.GetOrConnectAsync(server.Address));

        first.Close();
        await Eventually.TrueAsync(() => !first.IsActive, "the first connection closed");
        var response = await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(EchoCode), Timeout);

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.NotSame(first, await client.GetOrConnectAsync(server.Address));
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails_with_RemotingConnectionException()
    {
        int port;
        await using (var server = await StartEchoServerAsync())
        {
            port = server.EndPoint.Port;
        }

        await using var client = new RemotingClient();
        await Assert.ThrowsAsync<RemotingConnectionException>(() => client.InvokeAsync($"127.0.0.1:{port}", RemotingCommand.CreateRequest(EchoCode), Timeout));
    }

    private static Task<TestServer> StartEchoServerAsync() =>
        TestServer.StartAsync((builder, executor) =>
        {
            var shared = executor(4, 1000);
            builder.Register(EchoCode, new EchoProcessor(), shared);
            builder.Register(ThrowCode, new ThrowingProcessor(), shared);
        });
}
