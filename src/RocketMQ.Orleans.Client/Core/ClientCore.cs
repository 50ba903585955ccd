using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Client.Routing;
using RocketMQ.Orleans.Client.Security;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Client.Core;

/// <summary>
/// What every producer, consumer and admin client needs (Apache <c>MQClientInstance</c>, one per client here):
/// the remoting client with connections pooled by address, the name-server list, the route cache and the client id.
/// </summary>
internal sealed class ClientCore : IAsyncDisposable
{
    private readonly RemotingClient _remoting;
    private readonly RequestExecutor _serverRequestExecutor;
    private readonly string[] _nameServers;
    private readonly IClientRpcHook? _rpcHook;
    private int _nameServerIndex;
    private int _disposed;

    /// <param name="registerServerRequestProcessors">Registers processors for requests brokers send to this client.</param>
    public ClientCore(
        RocketMQClientOptions options,
        ILoggerFactory? loggerFactory = null,
        Action<RequestDispatcherBuilder, RequestExecutor>? registerServerRequestProcessors = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("RocketMQ.Orleans.Client");
        _nameServers = ParseNameServers(options.NameServerAddress);
        ClientId = ClientIdentity.Create(options);
        _rpcHook = options.RpcHook ?? (options is { AccessKey: { Length: > 0 } accessKey, SecretKey: { Length: > 0 } secretKey }
            ? new AclClientRpcHook(accessKey, secretKey, options.SecurityToken)
            : null);
        _serverRequestExecutor = new RequestExecutor(new RequestExecutorOptions { Name = "client-callbacks", Concurrency = 1, QueueCapacity = 256 });
        var dispatcher = new RequestDispatcherBuilder();
        registerServerRequestProcessors?.Invoke(dispatcher, _serverRequestExecutor);
        _remoting = new RemotingClient(options.Remoting, dispatcher.Build(LoggerFactory), LoggerFactory);
        NameServer = new NameServerApi(this);
        Routes = new TopicRouteCache(NameServer, options.RouteRefreshInterval, Logger);
    }

    public RocketMQClientOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    public string ClientId { get; }

    public NameServerApi NameServer { get; }

    public TopicRouteCache Routes { get; }

    public IReadOnlyList<string> NameServers => _nameServers;

    public static string[] ParseNameServers(string addresses)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(addresses);
        var parsed = addresses.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parsed.Length == 0)
        {
            throw new ArgumentException("No name server address given.", nameof(addresses));
        }

        foreach (var address in parsed)
        {
            _ = RemotingClient.ParseAddress(address);
        }

        return parsed;
    }

    /// <summary>A request in this client's header encoding and language.</summary>
    public RemotingCommand CreateRequest(int code, ICommandHeader? header = null, ReadOnlyMemory<byte> body = default)
    {
        var request = RemotingCommand.CreateRequest(code, body: body);
        request.Language = LanguageCode.DOTNET;
        request.SerializeType = Options.HeaderSerializeType;
        if (header is not null)
        {
            request.WriteHeader(header);
        }

        return request;
    }

    public Task<RemotingCommand> InvokeAsync(string address, RemotingCommand request, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(address, request, timeout, continueOnNetworkThread: false, cancellationToken);

    /// <summary>See <see cref="IRemotingConnection.InvokeAsync(RemotingCommand, TimeSpan, bool, CancellationToken)"/>.</summary>
    public Task<RemotingCommand> InvokeAsync(string address, RemotingCommand request, TimeSpan? timeout, bool continueOnNetworkThread, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _rpcHook?.BeforeRequest(address, request);
        return _remoting.InvokeAsync(address, request, timeout ?? Options.RequestTimeout, continueOnNetworkThread, cancellationToken);
    }

    public Task InvokeOnewayAsync(string address, RemotingCommand request, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _rpcHook?.BeforeRequest(address, request);
        return _remoting.InvokeOnewayAsync(address, request, cancellationToken);
    }

    /// <summary>
    /// Sends to the name server last known good, moving on to the next one when it cannot be reached
    /// (Apache <c>getAndCreateNameserverChannel</c> keeps one chosen server until it fails).
    /// </summary>
    public async Task<RemotingCommand> InvokeNameServerAsync(Func<RemotingCommand> createRequest, CancellationToken cancellationToken = default)
    {
        Exception? last = null;
        int start = Volatile.Read(ref _nameServerIndex);
        for (int attempt = 0; attempt < _nameServers.Length; attempt++)
        {
            int index = (start + attempt) % _nameServers.Length;
            var address = _nameServers[index];
            try
            {
                var response = await InvokeAsync(address, createRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _nameServerIndex, index);
                return response;
            }
            catch (Exception exception) when (exception is RemotingConnectionException or RemotingTimeoutException)
            {
                ClientLog.NameServerUnreachable(Logger, address, exception.Message);
                last = exception;
            }
        }

        throw new RocketMQClientException($"No name server in [{string.Join(';', _nameServers)}] answered.", last);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _remoting.DisposeAsync().ConfigureAwait(false);
        await _serverRequestExecutor.DisposeAsync().ConfigureAwait(false);
        if (!ReferenceEquals(_rpcHook, Options.RpcHook))
        {
            (_rpcHook as IDisposable)?.Dispose();
        }
    }
}
