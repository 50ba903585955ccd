using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

/// <summary>
/// The two hand-off savers over real TCP: processors registered on the event loop (the broker's sends) and
/// invocations that continue on the client's network thread (the producer's opt-in).
/// </summary>
public sealed class EventLoopProcessingTests
{
    private const int OnLoopCode = 200;
    private const int OnExecutorCode = 201;
    private const int PendingOnLoopCode = 202;
    private const int GatedDefaultCode = 203;
    private const int GatedAskedCode = 204;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static Task<TestServer> StartAsync() =>
        TestServer.StartAsync((builder, executor) =>
        {
            builder.RegisterOnEventLoop([OnLoopCode], new ThreadReportingProcessor());
            builder.RegisterOnEventLoop([PendingOnLoopCode], new ThreadReportingProcessor(goPending: true));
            builder.Register(OnExecutorCode, new ThreadReportingProcessor(), executor(2, 100));
        });

    [Fact]
    public async Task A_processor_registered_on_the_event_loop_runs_there_and_one_on_an_executor_runs_on_the_pool()
    {
        await using var server = await StartAsync();
        await using var client = new RemotingClient();

        var onLoop = await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(OnLoopCode), Timeout);
        var onExecutor = await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(OnExecutorCode), Timeout);

        Assert.Equal(ResponseCode.Success, onLoop.Code);
        Assert.Equal("loop", onLoop.Remark);
        Assert.Equal("pool", onExecutor.Remark);
    }

    [Fact]
    public async Task An_event_loop_processor_that_goes_pending_still_answers_every_request_in_flight()
    {
        await using var server = await StartAsync();
        await using var client = new RemotingClient();
        var connection = await client.ConnectAsync(server.EndPoint);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            connection.InvokeAsync(RemotingCommand.CreateRequest(i % 2 == 0 ? PendingOnLoopCode : OnLoopCode), Timeout)));

        Assert.All(responses, response => Assert.Equal(ResponseCode.Success, response.Code));
        Assert.Equal(200, responses.Select(response => response.Opaque).Distinct().Count());
    }

    [Fact]
    public async Task An_invocation_continues_on_the_network_thread_only_when_asked_and_can_send_again_from_there()
    {
        var gatedDefault = new GatedProcessor();
        var gatedAsked = new GatedProcessor();
        await using var server = await TestServer.StartAsync((builder, executor) =>
        {
            builder.RegisterOnEventLoop([OnLoopCode], new ThreadReportingProcessor());
            builder.RegisterOnEventLoop([GatedDefaultCode], gatedDefault);
            builder.RegisterOnEventLoop([GatedAskedCode], gatedAsked);
        });
        await using var client = new RemotingClient();
        await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(OnLoopCode), Timeout); // connected

        // Runs synchronously up to its await (the server holds the answer until its gate opens), then continues
        // wherever the response completes it: not on xUnit's synchronization context.
        async Task<bool> ContinuesOnPoolAsync(int code, bool continueOnNetworkThread)
        {
            await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(code), Timeout, continueOnNetworkThread).ConfigureAwait(false);
            return Thread.CurrentThread.IsThreadPoolThread;
        }

        var byDefault = ContinuesOnPoolAsync(GatedDefaultCode, continueOnNetworkThread: false);
        gatedDefault.Open();
        bool defaultOnPool = await byDefault;
        var asked = ContinuesOnPoolAsync(GatedAskedCode, continueOnNetworkThread: true);
        gatedAsked.Open();
        bool askedOnPool = await asked;

        // From the network thread: the next request is queued on that same loop and must still go out and be answered.
        var again = await Task.Run(async () =>
        {
            await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(OnLoopCode), Timeout, continueOnNetworkThread: true).ConfigureAwait(false);
            return await client.InvokeAsync(server.Address, RemotingCommand.CreateRequest(OnLoopCode), Timeout, continueOnNetworkThread: true).ConfigureAwait(false);
        });

        Assert.True(defaultOnPool);
        Assert.False(askedOnPool);
        Assert.Equal(ResponseCode.Success, again.Code);
    }
}
