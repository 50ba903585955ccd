using System.Diagnostics;
using RocketMQ.Orleans.Broker.Replication.DataPlane;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Broker.Tests.ReplicaData;

/// <summary>
/// The follower's blocking connection to its leader, against the real remoting server the leader answers fetches
/// from: answers and their bodies, a dropped connection, and a stop while a fetch is held.
/// </summary>
public sealed class ReplicaFetchChannelTests : IAsyncLifetime
{
    private const int Echo = 9001;
    private const int Hold = 9002;
    private const int Drop = 9003;
    private readonly StubLeader leader = new();
    private RemotingServer server = null!;
    private string address = null!;

    public async Task InitializeAsync()
    {
        var dispatcher = new RequestDispatcherBuilder().RegisterOnEventLoop([Echo, Hold, Drop], leader).Build();
        server = RemotingServer.CreateBroker(new RemotingServerOptions { ListenPort = 0, EnableVipChannel = false, BindAddress = "127.0.0.1" }, dispatcher);
        await server.StartAsync();
        address = $"127.0.0.1:{server.LocalEndPoints[0].Port}";
    }

    public async Task DisposeAsync()
    {
        leader.Release.TrySetResult();
        await server.DisposeAsync();
    }

    [Fact]
    public void Answers_carry_their_fields_and_bodies_over_one_connection_whatever_their_size()
    {
        using var channel = new ReplicaFetchChannel(address, TimeSpan.FromSeconds(10));
        foreach (int size in new[] { 0, 10, 300_000, 1_000 })
        {
            var answer = channel.Invoke(RemotingCommand.CreateRequest(Echo, new Dictionary<string, string> { ["size"] = size.ToString() }));

            Assert.Equal(ResponseCode.Success, answer.Code);
            Assert.Equal(size.ToString(), answer.GetExtField("size"));
            Assert.Equal(StubLeader.BodyOf(size), answer.Body.ToArray());
        }
        Assert.Single(leader.Connections);
    }

    [Fact]
    public void A_dropped_connection_fails_the_call_and_the_next_call_connects_anew()
    {
        using var channel = new ReplicaFetchChannel(address, TimeSpan.FromSeconds(10));
        channel.Invoke(RemotingCommand.CreateRequest(Echo, new Dictionary<string, string> { ["size"] = "1" }));

        Assert.ThrowsAny<Exception>(() => channel.Invoke(RemotingCommand.CreateRequest(Drop)));

        var answer = channel.Invoke(RemotingCommand.CreateRequest(Echo, new Dictionary<string, string> { ["size"] = "5" }));
        Assert.Equal(StubLeader.BodyOf(5), answer.Body.ToArray());
        Assert.Equal(2, leader.Connections.Count);
    }

    [Fact]
    public async Task Dispose_from_another_thread_ends_a_call_whose_answer_is_held()
    {
        var channel = new ReplicaFetchChannel(address, TimeSpan.FromSeconds(30));
        var call = Task.Factory.StartNew(() => channel.Invoke(RemotingCommand.CreateRequest(Hold)), TaskCreationOptions.LongRunning);
        await leader.Held.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopwatch = Stopwatch.StartNew();
        channel.Dispose();

        await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the call ended {stopwatch.Elapsed} after Dispose, not at once");
        Assert.ThrowsAny<ObjectDisposedException>(() => channel.Invoke(RemotingCommand.CreateRequest(Echo)));
    }

    private sealed class StubLeader : IRequestProcessor
    {
        public HashSet<IRemotingConnection> Connections { get; } = [];

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static byte[] BodyOf(int size) => Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();

        public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
        {
            lock (Connections) Connections.Add(context.Connection);
            switch (request.Code)
            {
                case Hold:
                    Held.TrySetResult();
                    await Release.Task;
                    return RemotingCommand.CreateResponse(ResponseCode.Success);
                case Drop:
                    context.Connection.Close();
                    return null;
                default:
                    var response = RemotingCommand.CreateResponse(ResponseCode.Success);
                    response.ExtFields = new Dictionary<string, string> { ["size"] = request.GetExtField("size") ?? "0" };
                    response.Body = BodyOf(int.Parse(response.ExtFields["size"]));
                    return response;
            }
        }
    }
}
