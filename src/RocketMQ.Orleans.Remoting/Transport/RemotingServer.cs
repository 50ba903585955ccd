using System.Net;
using DotNetty.Buffers;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Logging;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// A DotNetty TCP server on one or more ports (broker port + VIP port, or the name-server port) feeding one dispatcher.
/// </summary>
public sealed class RemotingServer : IAsyncDisposable
{
    private readonly RemotingServerOptions _options;
    private readonly IReadOnlyList<int> _ports;
    private readonly RequestDispatcher _dispatcher;
    private readonly IConnectionEventListener? _listener;
    private readonly ILogger _logger;
    private readonly ConnectionRegistry _connections = new();
    private readonly List<IChannel> _serverChannels = [];
    private MultithreadEventLoopGroup? _bossGroup;
    private MultithreadEventLoopGroup? _workerGroup;
    private int _stopped;

    public RemotingServer(
        RemotingServerOptions options,
        IEnumerable<int> ports,
        RequestDispatcher dispatcher,
        ILoggerFactory? loggerFactory = null,
        IConnectionEventListener? listener = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(dispatcher);
        RemotingServerOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _ports = [.. ports];
        if (_ports.Count == 0)
        {
            throw new ArgumentException("At least one port is needed.", nameof(ports));
        }

        _dispatcher = dispatcher;
        _listener = listener;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RemotingServer>();
    }

    /// <summary>The broker's server: <see cref="RemotingServerOptions.ListenPort"/>, plus the VIP port (listen port − 2) when enabled.</summary>
    public static RemotingServer CreateBroker(RemotingServerOptions options, RequestDispatcher dispatcher, ILoggerFactory? loggerFactory = null, IConnectionEventListener? listener = null) =>
        new(options, BrokerPorts(options), dispatcher, loggerFactory, listener);

    /// <summary>The name server's server on <see cref="RemotingServerOptions.NameServerPort"/>.</summary>
    public static RemotingServer CreateNameServer(RemotingServerOptions options, RequestDispatcher dispatcher, ILoggerFactory? loggerFactory = null, IConnectionEventListener? listener = null) =>
        new(options, [options.NameServerPort], dispatcher, loggerFactory, listener);

    /// <summary>Ports the broker listens on; no VIP port for an ephemeral listen port (nothing to derive it from).</summary>
    public static IReadOnlyList<int> BrokerPorts(RemotingServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.EnableVipChannel && options.ListenPort > 2
            ? [options.ListenPort, options.ListenPort - 2]
            : [options.ListenPort];
    }

    /// <summary>Bound addresses, in the order of the ports given (actual ports when 0 was asked).</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => [.. _serverChannels.Select(channel => ToIPv4IfMapped((IPEndPoint)channel.LocalAddress))];

    /// <summary>Currently open client connections.</summary>
    public IReadOnlyCollection<IRemotingConnection> Connections => _connections.Snapshot();

    private static IPEndPoint ToIPv4IfMapped(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_bossGroup is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        var bindAddress = IPAddress.Parse(_options.BindAddress);
        LeakDetectionDefault.Apply();
        _bossGroup = new MultithreadEventLoopGroup(1);
        _workerGroup = new MultithreadEventLoopGroup(_options.ServerSelectorThreads);
        var bootstrap = new ServerBootstrap()
            .Group(_bossGroup, _workerGroup)
            .ChannelFactory(() => new TcpServerSocketChannel(ListenSocket.Create(bindAddress.AddressFamily)))
            .Option(ChannelOption.SoBacklog, _options.ServerSocketBacklog)
            .ChildOption(ChannelOption.TcpNodelay, true)
            .ChildOption(ChannelOption.SoKeepalive, false)
            .ChildOption(ChannelOption.Allocator, PooledByteBufferAllocator.Default)
            .ChildOption(ChannelOption.WriteBufferHighWaterMark, _options.WriteBufferHighWaterMark)
            .ChildOption(ChannelOption.WriteBufferLowWaterMark, _options.WriteBufferHighWaterMark / 2)
            .ChildHandler(new RemotingChannelInitializer(
                new FrameLimits(_options.MaxFrameLength, _options.MaxHeaderLength),
                TimeSpan.FromSeconds(_options.ChannelMaxIdleTimeSeconds),
                TimeSpan.FromSeconds(_options.SlowReaderTimeoutSeconds),
                _options.MaxInFlightRequestsPerConnection,
                _dispatcher,
                _listener,
                _connections,
                _logger));
        if (_options.ServerSocketSndBufSize > 0)
        {
            bootstrap.ChildOption(ChannelOption.SoSndbuf, _options.ServerSocketSndBufSize);
        }

        if (_options.ServerSocketRcvBufSize > 0)
        {
            bootstrap.ChildOption(ChannelOption.SoRcvbuf, _options.ServerSocketRcvBufSize);
        }

        try
        {
            foreach (var port in _ports)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var channel = await bootstrap.BindAsync(new IPEndPoint(bindAddress, port)).ConfigureAwait(false);
                _serverChannels.Add(channel);
                RemotingLog.ServerListening(_logger, channel.LocalAddress);
            }
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops accepting, closes every connection (pending invocations fail) and stops the event loops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        var endPoints = string.Join(", ", _serverChannels.Select(channel => channel.LocalAddress));
        var timeout = _options.ShutdownTimeout;
        await BoundedWait.WithinAsync(Task.WhenAll(_serverChannels.Select(channel => channel.CloseAsync())), timeout).ConfigureAwait(false);
        await _connections.CloseAllAsync(timeout).ConfigureAwait(false);
        await Task.WhenAll(
            _bossGroup is null ? Task.CompletedTask : EventLoopShutdown.ShutdownAsync(_bossGroup, timeout),
            _workerGroup is null ? Task.CompletedTask : EventLoopShutdown.ShutdownAsync(_workerGroup, timeout)).ConfigureAwait(false);
        RemotingLog.ServerStopped(_logger, endPoints);
    }
}
