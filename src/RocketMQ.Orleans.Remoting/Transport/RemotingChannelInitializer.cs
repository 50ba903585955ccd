using DotNetty.Handlers.Timeout;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>Builds the pipeline shared by server and client: frame decoder, encoder, idle detection, dispatch.</summary>
internal sealed class RemotingChannelInitializer : ChannelInitializer<ISocketChannel>
{
    private readonly FrameLimits _frameLimits;
    private readonly TimeSpan _allIdleTime;
    private readonly TimeSpan _slowReaderTimeout;
    private readonly int _maxInFlightRequests;
    private readonly RequestDispatcher _dispatcher;
    private readonly IConnectionEventListener? _listener;
    private readonly ConnectionRegistry _registry;
    private readonly ILogger _logger;

    public RemotingChannelInitializer(
        FrameLimits frameLimits,
        TimeSpan allIdleTime,
        TimeSpan slowReaderTimeout,
        int maxInFlightRequests,
        RequestDispatcher dispatcher,
        IConnectionEventListener? listener,
        ConnectionRegistry registry,
        ILogger logger)
    {
        _frameLimits = frameLimits;
        _allIdleTime = allIdleTime;
        _slowReaderTimeout = slowReaderTimeout;
        _maxInFlightRequests = maxInFlightRequests;
        _dispatcher = dispatcher;
        _listener = listener;
        _registry = registry;
        _logger = logger;
    }

    protected override void InitChannel(ISocketChannel channel)
    {
        var pipeline = channel.Pipeline;
        pipeline.AddLast("encoder", new RemotingCommandEncoder());
        pipeline.AddLast("decoder", new RemotingFrameDecoder(_frameLimits));
        if (_allIdleTime > TimeSpan.Zero)
        {
            pipeline.AddLast("idle", new IdleStateHandler(TimeSpan.Zero, TimeSpan.Zero, _allIdleTime));
        }

        pipeline.AddLast("handler", new RemotingChannelHandler(_dispatcher, _listener, _registry, _slowReaderTimeout, _maxInFlightRequests, _logger));
    }
}
