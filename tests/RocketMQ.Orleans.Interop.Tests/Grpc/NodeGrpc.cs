using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>What the Node gRPC client tests share: waiting for a silo's endpoint and picking scenario events.</summary>
internal static class NodeGrpc
{
    public static async Task WaitForEndpointAsync(SiloFixture silo, int port)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await FreePorts.AcceptsConnectionsAsync(port, cts.Token))
        {
            Assert.True(silo.IsRunning, "the silo exited before its gRPC endpoint listened:\n" + silo.Output);
            await Task.Delay(100, cts.Token);
        }
    }

    public static IEnumerable<JsonObject> Events(IEnumerable<JsonObject> lines, string name) =>
        lines.Where(l => l["event"]!.GetValue<string>() == name);
}
