using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

/// <summary>A connection's unanswered requests are bounded; the excess waits instead of piling up.</summary>
public sealed class FlowControlTests
{
    private const int GateCode = 300;

    [Fact]
    public async Task Requests_beyond_the_in_flight_limit_wait_and_are_served_later_while_others_are_not_stalled()
    {
        var gate = new GateProcessor();
        await using var server = await TestServer.StartAsync(
            (builder, executor) => builder.Register(GateCode, gate, executor(2, 1000)),
            options => options.MaxInFlightRequestsPerConnection = 4);
        await using var client = new RemotingClient();
        var busy = await client.ConnectAsync(server.EndPoint);
        var other = await client.ConnectAsync(server.EndPoint);

        var waiting = Enumerable.Range(0, 20).Select(_ => busy.InvokeAsync(RemotingCommand.CreateRequest(GateCode), TimeSpan.FromSeconds(20))).ToArray();
        await Eventually.TrueAsync(() => gate.Calls == 4, "the first four reach the processor");
        var otherCall = other.InvokeAsync(RemotingCommand.CreateRequest(GateCode), TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(() => gate.Calls == 5, "another connection is still served");

        Assert.Equal(5, gate.Calls);
        gate.Open();
        var responses = await Task.WhenAll([.. waiting, otherCall]);

        Assert.All(responses, response => Assert.Equal(ResponseCode.Success, response.Code));
        Assert.Equal(21, gate.Calls);
    }

    /// <summary>Answers only once opened; requests do not hold executor workers while waiting.</summary>
    private sealed class GateProcessor : IRequestProcessor
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Open() => _open.TrySetResult();

        public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await _open.Task;
            return RemotingCommand.CreateResponse(ResponseCode.Success);
        }
    }
}
