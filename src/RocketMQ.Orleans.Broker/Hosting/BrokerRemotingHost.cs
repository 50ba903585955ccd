using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Broker.NameServer;
using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Broker.Replication;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Remoting.Transport;
using RocketMQ.Orleans.Store.Hosting;

namespace RocketMQ.Orleans.Broker.Hosting;

/// <summary>
/// Runs this silo's broker: builds the <see cref="BrokerRuntime"/> over the opened store, starts the name-server
/// and broker remoting servers, and keeps TBW102 routed here while auto-creation is on. Registered after the store's
/// hosted service and Orleans', so it starts once the store is open and the silo active, and stops first.
/// </summary>
internal sealed partial class BrokerRemotingHost(
    IServiceProvider services,
    IMessageStoreAccessor storeAccessor,
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    IOptions<BrokerOptions> brokerOptions,
    IOptions<BrokerIdentityOptions> identityOptions,
    IOptions<RemotingServerOptions> remotingOptions,
    TopicConfigCache topicCache,
    ClusterDirectoryCache directories,
    SubscriptionGroupCache subscriptionGroups,
    KvConfigCache kvConfig,
    BrokerEndpoints endpoints,
    AclConfigStore acl,
    IOptions<ReplicationOptions> replicationOptions,
    IOptions<PopOptions> popOptions,
    ReplicaRestartSignal restartSignal,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider,
    ILogger<BrokerRemotingHost> logger) : IHostedService, IAsyncDisposable
{
    private RequestExecutor? _nameServerExecutor;
    private RemotingServer? _nameServer;
    private RemotingServer? _brokerServer;
    private BrokerRuntime? _runtime;
    private ReplicaCoordinator? _replica;
    private IDisposable? _metrics;

    /// <summary>The running broker, or null before start and after stop.</summary>
    public BrokerRuntime? Runtime => _runtime;

    /// <summary>The broker port's dispatcher (tests drive it without sockets).</summary>
    internal RequestDispatcher? BrokerDispatcher { get; private set; }

    /// <summary>The name-server port's dispatcher (tests drive it without sockets).</summary>
    internal RequestDispatcher? NameServerDispatcher { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var remoting = remotingOptions.Value;
        var identity = CreateIdentity(identityOptions.Value);
        var options = brokerOptions.Value;
        try
        {
            _runtime = CreateRuntime(identity, options);
            AdminProcessors.UseControlPlane(_runtime, new AdminControlPlane(grains, topicCache, directories, subscriptionGroups, kvConfig));
            var brokerDispatcher = new RequestDispatcherBuilder();
            _runtime.RegisterProcessors(brokerDispatcher);
            AdminProcessors.Register(brokerDispatcher, _runtime);
            var replication = replicationOptions.Value;
            if (replication.Enabled)
            {
                // Before the port opens: a replica takes no write until its group says it leads.
                _replica = new ReplicaCoordinator(storeAccessor.Store, replication, identity, grains, localSilo.SiloAddress, restartSignal, loggerFactory);
                // A fetch's synchronous part is a lock, a read from the page cache and a copy: like sends, it runs on the
                // event loop that decoded it (two thread hand-offs less per round, on the Sync acknowledgement path).
                brokerDispatcher.RegisterOnEventLoop([ReplicationRequestCodes.ReplicaFetch], _replica.FetchProcessor);
                brokerDispatcher.Register(ReplicationRequestCodes.ReplicaMetadata, _replica.FetchProcessor,
                    _runtime.CreateExecutor("replication", concurrency: 1, queueCapacity: 64));
            }
            if (acl.Enabled)
            {
                // Broker port only: Apache 4.9's name server checks no ACL either.
                acl.Start();
                brokerDispatcher.AddInterceptor(new AclRequestInterceptor(new PlainAccessValidator(() => acl.Current), loggerFactory.CreateLogger<AclRequestInterceptor>()));
            }

            _runtime.Start();

            _nameServerExecutor = new RequestExecutor(new RequestExecutorOptions
            {
                Name = "namesrv",
                Concurrency = remoting.ServerWorkerThreads,
                QueueCapacity = remoting.ServerWorkerQueueCapacity,
            });
            NameServerDispatcher = NameServerProcessors.Register(new RequestDispatcherBuilder(), services, _nameServerExecutor).Build(loggerFactory);
            BrokerDispatcher = brokerDispatcher.Build(loggerFactory);

            _nameServer = RemotingServer.CreateNameServer(remoting, NameServerDispatcher, loggerFactory);
            await _nameServer.StartAsync(cancellationToken).ConfigureAwait(false);
            _brokerServer = RemotingServer.CreateBroker(remoting, BrokerDispatcher, loggerFactory, _runtime);
            await _brokerServer.StartAsync(cancellationToken).ConfigureAwait(false);
            _metrics = Diagnostics.BrokerMetrics.Attach(_runtime, () => _brokerServer?.Connections.Count ?? 0);

            endpoints.Set(_nameServer.LocalEndPoints[0], _brokerServer.LocalEndPoints, identity.BrokerAddress);
            LogStarted(logger, identity.BrokerName, identity.ClusterName, _nameServer.LocalEndPoints[0], string.Join(", ", _brokerServer.LocalEndPoints), identity.BrokerAddress);

            _replica?.Start();
            await UpdateDefaultTopicRouteAsync(identity, options).ConfigureAwait(false);
            await _runtime.EnsureInternalTopicsAsync().ConfigureAwait(false);
        }
        catch
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        endpoints.Clear();
        Interlocked.Exchange(ref _metrics, null)?.Dispose();

        // Leadership first: a leader resigns so that a follower takes over at once.
        if (Interlocked.Exchange(ref _replica, null) is { } replica)
        {
            await replica.DisposeAsync().ConfigureAwait(false);
        }

        // Broker first: held pulls and in-flight sends end before the store beneath them closes.
        if (Interlocked.Exchange(ref _brokerServer, null) is { } broker)
        {
            await broker.DisposeAsync().ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _runtime, null) is { } runtime)
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _nameServer, null) is { } nameServer)
        {
            await nameServer.DisposeAsync().ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _nameServerExecutor, null) is { } executor)
        {
            await executor.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private BrokerRuntime CreateRuntime(BrokerIdentity identity, BrokerOptions options) =>
        new(
            storeAccessor.Store,
            options,
            identity,
            new ControlPlaneTopicConfigProvider(grains, topicCache, identity),
            new ControlPlaneSubscriptionGroupProvider(grains, subscriptionGroups),
            new ControlPlaneConsumerConnectionReporter(grains, localSilo),
            loggerFactory,
            timeProvider)
        {
            PopOptions = popOptions.Value,
        };

    internal static BrokerIdentity CreateIdentity(BrokerIdentityOptions options) =>
        new(options.BrokerName!, options.BrokerClusterName, options.BrokerId, new IPEndPoint(IPAddress.Parse(options.BrokerIP1!), options.ListenPort));

    /// <summary>
    /// The Java producer looks up TBW102's route to find brokers that create topics on first send: this broker
    /// joins that route while auto-creation is on (perm RW + inherit, as Apache's TopicConfigManager) and leaves it
    /// when it is off.
    /// </summary>
    private async Task UpdateDefaultTopicRouteAsync(BrokerIdentity identity, BrokerOptions options)
    {
        var topic = grains.GetGrain<ITopicGrain>(SystemTopics.AutoCreateTopicKeyTopic);
        try
        {
            if (options.AutoCreateTopicEnable)
            {
                var queues = options.DefaultTopicQueueNums;
                var config = new TopicConfig(SystemTopics.AutoCreateTopicKeyTopic, queues, queues, PermName.ReadWrite | PermName.Inherit);
                await topic.EnsureBrokerQueuesAsync(config, identity.ClusterName, identity.BrokerName).ConfigureAwait(false);
            }
            else
            {
                await topic.RemoveBrokerQueuesAsync(identity.BrokerName).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // Not fatal: explicit topics work without it; only the Java producer's auto-creation path needs it.
            LogDefaultTopicFailed(logger, exception, identity.BrokerName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker {BrokerName} of cluster {Cluster}: name server on {NameServer}, broker on {Broker}, registered as {Address}")]
    private static partial void LogStarted(ILogger logger, string brokerName, string cluster, IPEndPoint nameServer, string broker, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the TBW102 route of broker {BrokerName}")]
    private static partial void LogDefaultTopicFailed(ILogger logger, Exception exception, string brokerName);
}
