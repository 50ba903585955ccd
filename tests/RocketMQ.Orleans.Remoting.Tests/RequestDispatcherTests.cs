using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Tests.Support;

namespace RocketMQ.Orleans.Remoting.Tests;

/// <summary>The dispatcher on its own, driven without sockets (as benchmarks do).</summary>
public sealed class RequestDispatcherTests : IAsyncLifetime
{
    private const int EchoCode = 100;
    private readonly List<RequestExecutor> _executors = [];

    [Fact]
    public async Task Response_carries_the_request_opaque_serialize_type_and_response_flag()
    {
        var echo = new EchoProcessor();
        var dispatcher = new RequestDispatcherBuilder().Register(EchoCode, echo, NewExecutor()).Build();
        var connection = new RecordingConnection();
        var request = new RemotingCommand { Code = EchoCode, Opaque = 77, SerializeType = SerializeType.RocketMQ, Body = new byte[] { 1, 2, 3 } };

        dispatcher.Dispatch(connection, request);
        var response = await connection.NextSentAsync();

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal(77, response.Opaque);
        Assert.True(response.IsResponse);
        Assert.Equal(SerializeType.RocketMQ, response.SerializeType);
        Assert.Equal(new byte[] { 1, 2, 3 }, response.Body.ToArray());
        Assert.Same(connection, echo.LastConnection);
    }

    [Fact]
    public void Unknown_code_gets_REQUEST_CODE_NOT_SUPPORTED_with_Apache_remark()
    {
        var dispatcher = new RequestDispatcherBuilder().Register(EchoCode, new EchoProcessor(), NewExecutor()).Build();
        var connection = new RecordingConnection();

        dispatcher.Dispatch(connection, new RemotingCommand { Code = 999, Opaque = 5 });

        Assert.True(connection.TryGetSent(out var response));
        Assert.Equal(ResponseCode.RequestCodeNotSupported, response!.Code);
        Assert.Equal(" request type 999 not supported", response.Remark);
        Assert.Equal(5, response.Opaque);
        Assert.True(response.IsResponse);
    }

    [Fact]
    public async Task Default_processor_handles_codes_without_registration()
    {
        var fallback = new EchoProcessor();
        var dispatcher = new RequestDispatcherBuilder()
            .Register(EchoCode, new ThrowingProcessor(), NewExecutor())
            .SetDefault(fallback, NewExecutor())
            .Build();
        var connection = new RecordingConnection();

        dispatcher.Dispatch(connection, new RemotingCommand { Code = 12345 });

        Assert.Equal(ResponseCode.Success, (await connection.NextSentAsync()).Code);
        Assert.Equal(1, fallback.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Processor_exception_becomes_SYSTEM_ERROR_with_its_message(bool asynchronous)
    {
        IRequestProcessor processor = asynchronous ? new AsyncThrowingProcessor() : new ThrowingProcessor();
        var dispatcher = new RequestDispatcherBuilder().Register(EchoCode, processor, NewExecutor()).Build();
        var connection = new RecordingConnection();

        dispatcher.Dispatch(connection, new RemotingCommand { Code = EchoCode, Opaque = 9 });
        var response = await connection.NextSentAsync();

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Contains(asynchronous ? "boom later" : "boom: processor failed", response.Remark);
        Assert.Contains(nameof(InvalidOperationException), response.Remark);
        Assert.Equal(9, response.Opaque);
    }

    [Fact]
    public async Task Oneway_requests_are_never_answered_even_on_error()
    {
        var echo = new EchoProcessor();
        var executor = NewExecutor(concurrency: 1);
        var dispatcher = new RequestDispatcherBuilder()
            .Register(EchoCode, echo, executor)
            .Register(EchoCode + 1, new ThrowingProcessor(), executor)
            .Build();
        var connection = new RecordingConnection();

        dispatcher.Dispatch(connection, Oneway(EchoCode));
        dispatcher.Dispatch(connection, Oneway(EchoCode + 1));
        dispatcher.Dispatch(connection, Oneway(999));

        // One worker runs in order: once this answer is out, the oneway ones have been processed.
        dispatcher.Dispatch(connection, new RemotingCommand { Code = EchoCode, Opaque = 42 });
        var response = await connection.NextSentAsync();

        Assert.Equal(42, response.Opaque);
        Assert.Equal(2, echo.Calls);
        Assert.Equal(0, connection.SentCount);
    }

    [Fact]
    public async Task Full_executor_queue_answers_SYSTEM_BUSY_OVERLOAD()
    {
        using var blocking = new BlockingProcessor();
        var executor = NewExecutor(concurrency: 1, capacity: 1);
        var dispatcher = new RequestDispatcherBuilder().Register(EchoCode, blocking, executor).Build();
        var connection = new RecordingConnection();

        dispatcher.Dispatch(connection, new RemotingCommand { Code = EchoCode, Opaque = 1 });
        await Eventually.TrueAsync(() => blocking.Entered == 1, "the worker took the first request");
        dispatcher.Dispatch(connection, new RemotingCommand { Code = EchoCode, Opaque = 2 });
        dispatcher.Dispatch(connection, new RemotingCommand { Code = EchoCode, Opaque = 3 });

        Assert.True(connection.TryGetSent(out var busy));
        Assert.Equal(ResponseCode.SystemBusy, busy!.Code);
        Assert.Equal(3, busy.Opaque);
        Assert.StartsWith("[OVERLOAD]", busy.Remark);

        blocking.Release();
        var answered = new[] { (await connection.NextSentAsync()).Opaque, (await connection.NextSentAsync()).Opaque };
        Assert.Equal([1, 2], answered.Order());
    }

    [Fact]
    public void RejectRequest_answers_SYSTEM_BUSY_without_processing()
    {
        var dispatcher = new RequestDispatcherBuilder().Register(EchoCode, new RejectingProcessor(), NewExecutor()).Build();
        var connection = new RecordingConnection();

        dispatcher.Dispatch(connection, new RemotingCommand { Code = EchoCode, Opaque = 4 });

        Assert.True(connection.TryGetSent(out var response));
        Assert.Equal(ResponseCode.SystemBusy, response!.Code);
        Assert.StartsWith("[REJECTREQUEST]", response.Remark);
    }

    [Fact]
    public async Task A_pending_processor_does_not_hold_its_worker()
    {
        var pending = new PendingProcessor();
        var echo = new EchoProcessor();
        var executor = NewExecutor(concurrency: 1);
        var dispatcher = new RequestDispatcherBuilder()
            .Register(EchoCode, pending, executor)
            .Register(EchoCode + 1, echo, executor)
            .Build();
        var connection = new RecordingConnection();

        dispatcher.Dispatch(connection, new RemotingCommand { Code = EchoCode, Opaque = 1 });
        dispatcher.Dispatch(connection, new RemotingCommand { Code = EchoCode + 1, Opaque = 2 });
        Assert.Equal(2, (await connection.NextSentAsync()).Opaque);

        pending.Complete();
        Assert.Equal(1, (await connection.NextSentAsync()).Opaque);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var executor in _executors)
        {
            await executor.DisposeAsync();
        }
    }

    private static RemotingCommand Oneway(int code)
    {
        var command = new RemotingCommand { Code = code };
        command.MarkOneway();
        return command;
    }

    private RequestExecutor NewExecutor(int concurrency = 2, int capacity = 100)
    {
        var executor = new RequestExecutor(new RequestExecutorOptions { Concurrency = concurrency, QueueCapacity = capacity });
        _executors.Add(executor);
        return executor;
    }

    private sealed class PendingProcessor : IRequestProcessor
    {
        private readonly TaskCompletionSource<RemotingCommand?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete() => _result.SetResult(RemotingCommand.CreateResponse(ResponseCode.Success));

        public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
            new(_result.Task);
    }
}
