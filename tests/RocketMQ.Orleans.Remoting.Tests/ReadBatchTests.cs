using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

/// <summary>
/// Work deferred to the end of a socket read (<see cref="ReadBatch"/>) over real TCP: a client's burst of requests is
/// handled in full before what its requests deferred runs, once; away from a read nothing is deferred.
/// </summary>
public sealed class ReadBatchTests
{
    private const int DeferringCode = 210;
    private const int Burst = 16;

    [Fact]
    public async Task A_burst_of_requests_in_one_write_is_handled_before_the_work_they_deferred_runs_once()
    {
        var processor = new DeferringProcessor();
        await using var server = await TestServer.StartAsync((builder, _) => builder.RegisterOnEventLoop([DeferringCode], processor));
        using var connection = await RawConnection.ConnectAsync(server.EndPoint);

        // One write of 16 small frames: loopback hands it to the server in one read (two at most).
        var burst = Enumerable.Range(1, Burst).SelectMany(opaque =>
        {
            var request = RemotingCommand.CreateRequest(DeferringCode);
            request.Opaque = opaque;
            return RemotingCommandCodec.Encode(request);
        }).ToArray();
        await connection.SendAsync(burst);
        for (int i = 0; i < Burst; i++)
            Assert.Equal(ResponseCode.Success, (await connection.ReceiveAsync())?.Code);

        // Every request asked; the work ran once per read, after that read's requests, never per request.
        Assert.InRange(processor.Runs, 1, 2);
        Assert.Equal(Burst, processor.HandledWhenLastRan);
    }

    [Fact]
    public void Away_from_a_read_nothing_is_deferred()
    {
        bool ran = false;

        Assert.False(ReadBatch.TryDefer(() => ran = true));
        Assert.False(ran);
    }

    [Fact]
    public void Work_deferred_during_a_read_runs_in_order_when_it_ends_and_work_it_defers_runs_at_once()
    {
        var order = new List<string>();
        ReadBatch.Open();
        Assert.True(ReadBatch.TryDefer(() => order.Add("first")));
        Assert.True(ReadBatch.TryDefer(() =>
        {
            order.Add("second");
            Assert.False(ReadBatch.TryDefer(() => order.Add("never deferred")));
        }));
        Assert.Empty(order);

        ReadBatch.Close();

        Assert.Equal(["first", "second"], order);
    }

    /// <summary>Defers one piece of work per read, as the replica gate defers its growth signal.</summary>
    private sealed class DeferringProcessor : IRequestProcessor
    {
        private readonly Action run;
        private int handled;
        private bool deferred;

        public DeferringProcessor() => run = Run;

        public int Runs { get; private set; }

        public int HandledWhenLastRan { get; private set; }

        public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
        {
            handled++;
            if (!deferred)
            {
                deferred = true;
                Assert.True(ReadBatch.TryDefer(run));
            }
            return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(ResponseCode.Success, null));
        }

        private void Run()
        {
            deferred = false;
            Runs++;
            HandledWhenLastRan = handled;
        }
    }
}
