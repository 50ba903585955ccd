using System.Buffers.Binary;
using System.Text;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Tests.Support;
using RocketMQ.Orleans.Remoting.Transport;
using Xunit.Abstractions;

namespace RocketMQ.Orleans.Remoting.Tests;

/// <summary>A bad peer is closed alone; everyone else keeps being served.</summary>
public sealed class MisbehavingPeerTests(ITestOutputHelper output)
{
    private const int EchoCode = 100;
    private const int BigCode = 200;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string, byte[], RemotingProtocolError> BadInputs() => new()
    {
        { "HTTP request", Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), RemotingProtocolError.FrameTooLarge },
        { "2 GiB declared length", Prefix(int.MaxValue), RemotingProtocolError.FrameTooLarge },
        { "negative length", Prefix(-16), RemotingProtocolError.NegativeLength },
        { "bad JSON header", Frame(0, Encoding.UTF8.GetBytes("{\"code\": oops")), RemotingProtocolError.BadJson },
        { "unknown serialize type", Frame(5, [1, 2, 3, 4]), RemotingProtocolError.UnknownSerializeType },

        // Only the 8-byte prefix is sent: the server must refuse on it rather than wait for (and buffer) the rest.
        { "1 MiB header declared", Prefix(2 * 1024 * 1024, headerLength: 1024 * 1024), RemotingProtocolError.HeaderTooLarge },
        { "header longer than its frame", Prefix(16, headerLength: 100), RemotingProtocolError.InconsistentLength },
        { "frame too short for the header-length word", Prefix(2), RemotingProtocolError.InconsistentLength },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Malformed_input_closes_only_that_connection(string what, byte[] bytes, RemotingProtocolError expected)
    {
        await using var server = await StartServerAsync();
        await using var client = new RemotingClient();
        var good = await client.ConnectAsync(server.EndPoint);
        Assert.Equal(ResponseCode.Success, (await good.InvokeAsync(RemotingCommand.CreateRequest(EchoCode), Timeout)).Code);

        using var bad = await RawConnection.ConnectAsync(server.EndPoint);
        await bad.SendAsync(bytes);

        Assert.True(await bad.WaitClosedAsync(Timeout), $"{what}: the server closes the bad connection");
        var error = Assert.IsType<RemotingProtocolException>(Assert.Single(server.Listener.Exceptions));
        Assert.Equal(expected, error.Error);
        Assert.True(good.IsActive);
        Assert.Equal(ResponseCode.Success, (await good.InvokeAsync(RemotingCommand.CreateRequest(EchoCode), Timeout)).Code);
    }

    [Fact]
    public async Task Valid_frames_before_the_bad_one_are_still_processed()
    {
        var echo = new EchoProcessor();
        await using var server = await StartServerAsync(echo: echo);
        using var raw = await RawConnection.ConnectAsync(server.EndPoint);
        var valid = RemotingCommandCodec.Encode(new RemotingCommand { Code = EchoCode, Opaque = 7 });

        await raw.SendAsync([.. valid, .. Prefix(int.MaxValue)]);

        // Like Apache, the connection is closed at once: the valid request is processed, its answer may be lost.
        Assert.True(await raw.WaitClosedAsync(Timeout));
        await Eventually.TrueAsync(() => echo.Calls == 1, "the valid frame reached its processor");
    }

    [Fact]
    public async Task Idle_connection_is_closed_after_the_configured_time()
    {
        await using var server = await StartServerAsync(options => options.ChannelMaxIdleTimeSeconds = 1);
        using var idle = await RawConnection.ConnectAsync(server.EndPoint);

        Assert.True(await idle.WaitClosedAsync(Timeout));
        Assert.Single(server.Listener.Idle);
        await Eventually.TrueAsync(() => server.Listener.Closed.Count == 1, "OnClosed follows OnIdle");
    }

    [Fact]
    public async Task Slow_reader_is_paused_then_closed_without_stalling_others()
    {
        const int ResponseSize = 256 * 1024;
        const int Requests = 5_000;
        var big = new BigResponseProcessor(ResponseSize);
        await using var server = await StartServerAsync(
            options =>
            {
                options.WriteBufferHighWaterMark = 64 * 1024;
                options.ServerSocketSndBufSize = 64 * 1024;
                options.MaxInFlightRequestsPerConnection = 16;
                options.SlowReaderTimeoutSeconds = 2;
            },
            big);
        await using var client = new RemotingClient();
        var good = await client.ConnectAsync(server.EndPoint);

        // Asks for 5000 × 256 KiB (1.2 GiB) and never reads a byte of it.
        using var slow = await RawConnection.ConnectAsync(server.EndPoint, receiveBufferSize: 64 * 1024);
        var request = RemotingCommandCodec.Encode(new RemotingCommand { Code = BigCode, Opaque = 1 });
        using var stopSending = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            for (var i = 0; i < Requests; i++)
            {
                await slow.SendAsync(request, stopSending.Token);
            }
        });

        await Eventually.TrueAsync(() => big.Calls > 0, "the slow reader's requests are being processed");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(ResponseCode.Success, (await good.InvokeAsync(RemotingCommand.CreateRequest(EchoCode), Timeout)).Code);
        }

        // Watch from the server side: reading the socket here would make the slow reader a fast one.
        await Eventually.TrueAsync(() => server.Listener.Closed.Count == 1, "the slow reader is closed after SlowReaderTimeoutSeconds");
        await stopSending.CancelAsync();
        await Task.WhenAny(sender);

        // Processed ≈ in-flight bound + what the socket buffers and the high-water mark absorb. The kernel autotunes
        // loopback buffers to several MB, so that is tens to a hundred-odd responses depending on the machine; the
        // point is that it stays an order of magnitude below the 5000 asked for (1.2 GiB never gets buffered).
        Assert.InRange(big.Calls, 1, Requests / 10);
        Assert.True(good.IsActive);
        Assert.Equal(ResponseCode.Success, (await good.InvokeAsync(RemotingCommand.CreateRequest(EchoCode), Timeout)).Code);
    }

    private Task<TestServer> StartServerAsync(Action<RemotingServerOptions>? configure = null, BigResponseProcessor? big = null, EchoProcessor? echo = null) =>
        TestServer.StartAsync(
            (builder, executor) =>
            {
                var shared = executor(2, 10_000);
                builder.Register(EchoCode, echo ?? new EchoProcessor(), shared);
                builder.Register(BigCode, big ?? new BigResponseProcessor(16), shared);
            },
            configure,
            new TestOutputLoggerFactory(output));

    private static byte[] Prefix(int length)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        return bytes;
    }

    /// <summary>A frame's length word and its JSON header-length word, and nothing of the header.</summary>
    private static byte[] Prefix(int length, int headerLength)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), headerLength);
        return bytes;
    }

    private static byte[] Frame(byte serializeType, byte[] header)
    {
        var bytes = new byte[8 + header.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 4 + header.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), (serializeType << 24) | header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }
}
