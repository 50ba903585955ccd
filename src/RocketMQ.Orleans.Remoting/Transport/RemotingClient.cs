using System.Collections.Concurrent;
using System.Net;
using DotNetty.Buffers;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// Client side of the remoting protocol: connects to servers, correlates responses by opaque, and answers
/// server-initiated requests (e.g. NOTIFY_CONSUMER_IDS_CHANGED) through its own dispatcher.
/// Connections by address are cached; a closed one is replaced on next use (no background reconnect).
/// </summary>
public sealed class RemotingClient : IAsyncDisposable
{
    private readonly RemotingClientOptions _options;
    private readonly ConnectionRegistry _connections = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IRemotingConnection>>> _byAddress = new(StringComparer.Ordinal);
    private readonly MultithreadEventLoopGroup _group;
    private readonly Bootstrap _bootstrap;
    private int _disposed;

    /// <param name="dispatcher">Handles requests the server sends; null answers them REQUEST_CODE_NOT_SUPPORTED.</param>
    public RemotingClient(
        RemotingClientOptions? options = null,
        RequestDispatcher? dispatcher = null,
        ILoggerFactory? loggerFactory = null,
        IConnectionEventListener? listener = null)
    {
        _options = options ?? new RemotingClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.WorkerThreads, 1);
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        var logger = factory.CreateLogger<RemotingClient>();
        LeakDetectionDefault.Apply();
        _group = new MultithreadEventLoopGroup(_options.WorkerThreads);
        _bootstrap = new Bootstrap()
            .Group(_group)
            .Channel<TcpSocketChannel>()
            .Option(ChannelOption.TcpNodelay, true)
            .Option(ChannelOption.SoKeepalive, false)
            .Option(ChannelOption.ConnectTimeout, _options.ConnectTimeout)
            .Option(ChannelOption.Allocator, PooledByteBufferAllocator.Default)
            .Option(ChannelOption.WriteBufferHighWaterMark, _options.WriteBufferHighWaterMark)
            .Option(ChannelOption.WriteBufferLowWaterMark, _options.WriteBufferHighWaterMark / 2)
            .Handler(new RemotingChannelInitializer(
                // Responses come from the broker the client chose to trust; their headers are not capped.
                new FrameLimits(_options.MaxFrameLength, MaxHeaderLength: int.MaxValue),
                TimeSpan.FromSeconds(_options.ChannelMaxIdleTimeSeconds),
                TimeSpan.Zero,
                _options.MaxInFlightRequestsPerConnection,
                dispatcher ?? new RequestDispatcherBuilder().Build(factory),
                listener,
                _connections,
                logger));
        if (_options.SocketSndBufSize > 0)
        {
            _bootstrap.Option(ChannelOption.SoSndbuf, _options.SocketSndBufSize);
        }

        if (_options.SocketRcvBufSize > 0)
        {
            _bootstrap.Option(ChannelOption.SoRcvbuf, _options.SocketRcvBufSize);
        }
    }

    private static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(1);

    /// <summary>Open connections.</summary>
    public IReadOnlyCollection<IRemotingConnection> Connections => _connections.Snapshot();

    /// <summary>Opens a new connection (not cached).</summary>
    public async Task<IRemotingConnection> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        IChannel channel;
        try
        {
            // DotNetty enforces ConnectTimeout itself; the outer bound only guards against its future never completing.
            channel = await _bootstrap.ConnectAsync(endPoint).WaitAsync(_options.ConnectTimeout + ConnectGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new RemotingConnectionException($"Connecting to {endPoint} failed.", exception);
        }

        return channel.Pipeline.Get<RemotingChannelHandler>().Connection;
    }

    /// <summary>The cached connection to "host:port", opened on first use and reopened after it closed.</summary>
    public async Task<IRemotingConnection> GetOrConnectAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        while (true)
        {
            var entry = _byAddress.GetOrAdd(address, static (key, self) => new Lazy<Task<IRemotingConnection>>(() => self.ConnectAsync(ParseAddress(key))), this);
            IRemotingConnection connection;
            try
            {
                connection = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RemotingConnectionException)
            {
                _byAddress.TryRemove(KeyValuePair.Create(address, entry));
                throw;
            }

            if (connection.IsActive)
            {
                return connection;
            }

            _byAddress.TryRemove(KeyValuePair.Create(address, entry));
        }
    }

    public Task<RemotingCommand> InvokeAsync(string address, RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        InvokeAsync(address, request, timeout, continueOnNetworkThread: false, cancellationToken);

    /// <summary>See <see cref="IRemotingConnection.InvokeAsync(RemotingCommand, TimeSpan, bool, CancellationToken)"/>.</summary>
    public async Task<RemotingCommand> InvokeAsync(string address, RemotingCommand request, TimeSpan timeout, bool continueOnNetworkThread, CancellationToken cancellationToken = default)
    {
        var connection = await GetOrConnectAsync(address, cancellationToken).ConfigureAwait(false);
        return await connection.InvokeAsync(request, timeout, continueOnNetworkThread, cancellationToken).ConfigureAwait(false);
    }

    public async Task InvokeOnewayAsync(string address, RemotingCommand request, CancellationToken cancellationToken = default)
    {
        var connection = await GetOrConnectAsync(address, cancellationToken).ConfigureAwait(false);
        await connection.InvokeOnewayAsync(request).ConfigureAwait(false);
    }

    /// <summary>Parses "host:port" (IPv6 as "[::1]:port").</summary>
    public static EndPoint ParseAddress(string address)
    {
        if (IPEndPoint.TryParse(address, out var ip) && ip.Port != 0)
        {
            return ip;
        }

        var separator = address.LastIndexOf(':');
        if (separator <= 0 || !int.TryParse(address.AsSpan(separator + 1), out var port))
        {
            throw new FormatException($"'{address}' is not host:port.");
        }

        return new DnsEndPoint(address[..separator], port);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _connections.CloseAllAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        await EventLoopShutdown.ShutdownAsync(_group, _options.ShutdownTimeout).ConfigureAwait(false);
    }
}
