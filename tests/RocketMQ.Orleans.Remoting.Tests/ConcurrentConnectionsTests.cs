using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

/// <summary>Many connections with many requests in flight each: every response reaches the request that asked for it.</summary>
public sealed class ConcurrentConnectionsTests
{
    private const int EchoCode = 100;
    private const int Connections = 16;
    private const int InFlight = 32;
    private const int RequestsPerWorker = 20;

    [Fact]
    public async Task Sixteen_connections_with_32_requests_in_flight_each_get_their_own_responses()
    {
        await using var server = await TestServer.StartAsync((builder, executor) =>
            builder.Register(EchoCode, new EchoProcessor(), executor(Environment.ProcessorCount, 10_000)));
        await using var client = new RemotingClient();
        var connections = new List<IRemotingConnection>();
        for (var i = 0; i < Connections; i++)
        {
            connections.Add(await client.ConnectAsync(server.EndPoint));
        }

        var workers = connections.SelectMany((connection, c) => Enumerable.Range(0, InFlight).Select(w => Task.Run(async () =>
        {
            var mismatches = 0;
            for (var i = 0; i < RequestsPerWorker; i++)
            {
                var body = BitConverter.GetBytes((c * InFlight + w) * RequestsPerWorker + i);
                var response = await connection.InvokeAsync(RemotingCommand.CreateRequest(EchoCode, body: body), TimeSpan.FromSeconds(30));
                if (response.Code != ResponseCode.Success || !response.Body.Span.SequenceEqual(body))
                {
                    mismatches++;
                }
            }

            return mismatches;
        }))).ToArray();

        var results = await Task.WhenAll(workers);

        Assert.Equal(Connections * InFlight, results.Length);
        Assert.All(results, mismatches => Assert.Equal(0, mismatches));
    }
}
