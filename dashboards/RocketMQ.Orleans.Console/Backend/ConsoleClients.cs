using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Security;
using RocketMQ.Orleans.Console.Hosting;
using RocketMQ.Orleans.Console.Login;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// The remoting clients the console talks to the cluster with, as rocketmq-dashboard does through mqadmin: the admin
/// client over the name server, and a plain remoting client for the admin codes the admin client does not wrap.
/// Created on first use, because the silo's own name server starts after the console is built.
/// </summary>
public sealed class ConsoleClients(SiloServices silo, IOptions<ConsoleOptions> options, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly IClientRpcHook? _rpcHook = silo.Acl is { } acl ? new ConsoleAclRpcHook(acl) : null;
    private RocketMQAdmin? _admin;
    private RemotingClient? _remoting;

    public TimeSpan RequestTimeout => options.Value.RequestTimeout;

    public RocketMQAdmin Admin
    {
        get
        {
            lock (_gate)
            {
                return _admin ??= new RocketMQAdmin(ClientOptions(), loggerFactory);
            }
        }
    }

    public RemotingClient Remoting
    {
        get
        {
            lock (_gate)
            {
                return _remoting ??= new RemotingClient(new RemotingClientOptions { WorkerThreads = 1 }, loggerFactory: loggerFactory);
            }
        }
    }

    /// <summary>The first name server address, for requests only a name server answers.</summary>
    public string NameServer => silo.ResolveNameServerAddress().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];

    /// <summary>Sends an admin request the admin client does not wrap, signed like the admin client's when ACL is on.</summary>
    public Task<RemotingCommand> InvokeAsync(string address, RemotingCommand request, CancellationToken cancellationToken)
    {
        _rpcHook?.BeforeRequest(address, request);
        return Remoting.InvokeAsync(address, request, RequestTimeout, cancellationToken);
    }

    private RocketMQClientOptions ClientOptions() => new()
    {
        NameServerAddress = silo.ResolveNameServerAddress(),
        InstanceName = "rmq-console",
        RequestTimeout = options.Value.RequestTimeout,
        Remoting = new RemotingClientOptions { WorkerThreads = 1 },
        RpcHook = _rpcHook,
    };

    public async ValueTask DisposeAsync()
    {
        RocketMQAdmin? admin;
        RemotingClient? remoting;
        lock (_gate)
        {
            (admin, remoting) = (_admin, _remoting);
            (_admin, _remoting) = (null, null);
        }

        if (admin is not null)
        {
            await admin.DisposeAsync().ConfigureAwait(false);
        }

        if (remoting is not null)
        {
            await remoting.DisposeAsync().ConfigureAwait(false);
        }
    }
}
