using DotNetty.Common;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Remoting.Tests;

[CollectionDefinition(nameof(LeakDetectionCollection), DisableParallelization = true)]
public sealed class LeakDetectionCollection
{
}

/// <summary>
/// DotNetty's Paranoid leak detection over real traffic, good and malformed: every pooled buffer the codec
/// handlers touch must be released. Paranoid is process-wide and slow, so this runs alone.
/// </summary>
[Collection(nameof(LeakDetectionCollection))]
public sealed class LeakDetectionTests
{
    private const int EchoCode = 100;

    [Fact]
    public async Task Encoder_and_decoder_release_every_buffer()
    {
        var previousLevel = ResourceLeakDetector.Level;
        LeakReports.Clear();
        ResourceLeakDetector.Level = ResourceLeakDetector.DetectionLevel.Paranoid;
        try
        {
            await RunTrafficAsync();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            // Leaks are reported when the detector next tracks a buffer: make it track some more.
            await RunTrafficAsync();
        }
        finally
        {
            ResourceLeakDetector.Level = previousLevel;
        }

        Assert.Empty(LeakReports.Reports);
    }

    private static async Task RunTrafficAsync()
    {
        await using var server = await TestServer.StartAsync((builder, executor) => builder.Register(EchoCode, new EchoProcessor(), executor(2, 1000)));
        await using var client = new RemotingClient();
        var connection = await client.ConnectAsync(server.EndPoint);
        var calls = Enumerable.Range(0, 200).Select(i =>
        {
            var request = RemotingCommand.CreateRequest(EchoCode, body: new byte[i * 100]);
            request.SerializeType = i % 2 == 0 ? SerializeType.Json : SerializeType.RocketMQ;
            return connection.InvokeAsync(request, TimeSpan.FromSeconds(10));
        });
        Assert.All(await Task.WhenAll(calls), response => Assert.Equal(ResponseCode.Success, response.Code));

        using var bad = await RawConnection.ConnectAsync(server.EndPoint);
        await bad.SendAsync([0, 0, 0, 9, 0, 0, 0, 5, (byte)'{', (byte)'x', (byte)'x', (byte)'x', (byte)'x']);
        Assert.True(await bad.WaitClosedAsync(TimeSpan.FromSeconds(10)));
    }
}
