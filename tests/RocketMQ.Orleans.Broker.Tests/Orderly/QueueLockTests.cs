using RocketMQ.Orleans.Broker.Processors.Orderly;
using RocketMQ.Orleans.Broker.Runtime.Orderly;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Tests.Orderly;

/// <summary>LOCK_BATCH_MQ / UNLOCK_BATCH_MQ through the request dispatcher, with a hand-moved clock for expiry.</summary>
public sealed class QueueLockTests : IAsyncDisposable
{
    private static readonly MessageQueue Q0 = new("TOrder", "broker-a", 0);
    private static readonly MessageQueue Q1 = new("TOrder", "broker-a", 1);
    private static readonly MessageQueue Q2 = new("TOrder", "broker-a", 2);

    private readonly ManualClock _clock = new();
    private readonly RequestExecutor _executor = new(new RequestExecutorOptions { Name = "admin", Concurrency = 1, QueueCapacity = 100 });
    private readonly RequestDispatcher _dispatcher;
    private readonly TestConnection _connection = new();

    public QueueLockTests()
    {
        var locks = new RebalanceLockManager(TimeSpan.FromSeconds(60), _clock);
        _dispatcher = new RequestDispatcherBuilder().Register(QueueLockProcessor.RequestCodes, new QueueLockProcessor(locks), _executor).Build();
    }

    public ValueTask DisposeAsync() => _executor.DisposeAsync();

    private async Task<RemotingCommand> InvokeAsync(RemotingCommand request)
    {
        var response = _connection.Expect(request.Opaque);
        _dispatcher.Dispatch(_connection, request);
        return await response.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<List<MessageQueue>> LockAsync(string clientId, string group = "GO", params MessageQueue[] queues)
    {
        var body = new LockBatchRequestBody { ConsumerGroup = group, ClientId = clientId, MqSet = [.. queues] };
        var response = await InvokeAsync(RemotingCommand.CreateRequest(RequestCode.LockBatchMq, body: body.Encode()));
        Assert.Equal(ResponseCode.Success, response.Code);
        var locked = RemotingBody.Decode<LockBatchResponseBody>(response.Body.Span).LockOKMQSet;
        locked.Sort();
        return locked;
    }

    private async Task UnlockAsync(string clientId, params MessageQueue[] queues)
    {
        var body = new UnlockBatchRequestBody { ConsumerGroup = "GO", ClientId = clientId, MqSet = [.. queues] };
        var response = await InvokeAsync(RemotingCommand.CreateRequest(RequestCode.UnlockBatchMq, body: body.Encode()));
        Assert.Equal(ResponseCode.Success, response.Code);
    }

    [Fact]
    public async Task Two_clients_of_a_group_one_wins_each_queue()
    {
        Assert.Equal([Q0, Q1], await LockAsync("A", "GO", Q0, Q1));
        Assert.Equal([Q2], await LockAsync("B", "GO", Q0, Q1, Q2));
        Assert.Equal([Q0, Q1], await LockAsync("A", "GO", Q0, Q1, Q2));
    }

    [Fact]
    public async Task Another_group_locks_the_same_queue_independently()
    {
        Assert.Equal([Q0], await LockAsync("A", "GO", Q0));
        Assert.Equal([Q0], await LockAsync("B", "OtherGroup", Q0));
    }

    [Fact]
    public async Task A_lock_expires_after_lockMaxLiveTime_and_not_before()
    {
        Assert.Equal([Q0], await LockAsync("A", "GO", Q0));

        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(await LockAsync("B", "GO", Q0));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([Q0], await LockAsync("B", "GO", Q0));
        Assert.Empty(await LockAsync("A", "GO", Q0));
    }

    [Fact]
    public async Task Relocking_by_the_holder_renews_the_lock()
    {
        Assert.Equal([Q0], await LockAsync("A", "GO", Q0));
        _clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal([Q0], await LockAsync("A", "GO", Q0));

        _clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Empty(await LockAsync("B", "GO", Q0));

        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal([Q0], await LockAsync("B", "GO", Q0));
    }

    [Fact]
    public async Task Unlock_releases_only_the_holders_queues()
    {
        Assert.Equal([Q0, Q1], await LockAsync("A", "GO", Q0, Q1));

        await UnlockAsync("B", Q0, Q1);
        Assert.Empty(await LockAsync("B", "GO", Q0, Q1));

        await UnlockAsync("A", Q0);
        Assert.Equal([Q0], await LockAsync("B", "GO", Q0, Q1));
    }

    [Fact]
    public async Task A_malformed_body_is_answered_with_SYSTEM_ERROR_and_the_broker_keeps_serving()
    {
        var bad = await InvokeAsync(RemotingCommand.CreateRequest(RequestCode.LockBatchMq, body: "{not json"u8.ToArray()));
        var empty = await InvokeAsync(RemotingCommand.CreateRequest(RequestCode.UnlockBatchMq));

        Assert.Equal(ResponseCode.SystemError, bad.Code);
        Assert.Equal(ResponseCode.SystemError, empty.Code);
        Assert.Equal([Q0], await LockAsync("A", "GO", Q0));
    }

    [Fact]
    public async Task The_broker_runtime_serves_the_lock_codes_with_its_configured_max_live_time()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.RebalanceLockMaxLiveTimeMills = 5_000);
        var request = new LockBatchRequestBody { ConsumerGroup = "GO", ClientId = "A", MqSet = [Q0, Q0] };

        var response = await host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.LockBatchMq, body: request.Encode()));

        Assert.Equal(ResponseCode.Success, response.Code);
        Assert.Equal([Q0], RemotingBody.Decode<LockBatchResponseBody>(response.Body.Span).LockOKMQSet);
        Assert.Equal(TimeSpan.FromSeconds(5), host.Runtime.RebalanceLocks.MaxLiveTime);
        Assert.Equal("A", host.Runtime.RebalanceLocks.GetHolder("GO", Q0));
    }
}
