using Apache.Rocketmq.V2;
using Grpc.Core;
using Grpc.Net.Client;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>One silo process with its gRPC endpoint on a free port, and a v2 client channel to it (h2c).</summary>
public sealed class GrpcSilo : IAsyncLifetime
{
    private SiloFixture? _silo;
    private GrpcChannel? _channel;

    public int Port { get; } = FreePorts.Next();

    public SiloFixture Silo => _silo ?? throw new InvalidOperationException("not started");

    public MessagingService.MessagingServiceClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _silo = await SiloFixture.StartAsync([new(SiloSettings.GrpcPort, Port.ToString())]);
        await WaitForGrpcAsync(_silo, Port);
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port}");
        Client = new MessagingService.MessagingServiceClient(_channel);
    }

    /// <summary>Waits until <paramref name="silo"/>'s gRPC endpoint accepts connections on <paramref name="port"/>.</summary>
    public static async Task WaitForGrpcAsync(SiloFixture silo, int port)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await FreePorts.AcceptsConnectionsAsync(port, cts.Token))
        {
            Assert.True(silo.IsRunning, "the silo exited before its gRPC endpoint listened:\n" + silo.Output);
            await Task.Delay(100, cts.Token);
        }
    }

    /// <summary>The headers every 5.x client sends.</summary>
    public static Metadata Headers(string clientId = "interop-client") => new()
    {
        { "x-mq-client-id", clientId },
        { "x-mq-language", "DOTNET" },
        { "x-mq-protocol", "v2" },
    };

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
