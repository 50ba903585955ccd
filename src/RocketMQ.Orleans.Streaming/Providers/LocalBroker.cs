using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Hosting;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// This process's own broker group, when it has one (a silo with AddRocketMQBroker): its name, its open store and
/// its endpoints. The store opens as a hosted service after Orleans starts, so it is looked up on each use.
/// </summary>
internal sealed class LocalBroker(IServiceProvider services)
{
    private readonly IMessageStoreAccessor? _store = services.GetService<IMessageStoreAccessor>();
    private readonly BrokerEndpoints? _endpoints = services.GetService<BrokerEndpoints>();
    private readonly BrokerIdentityOptions? _identity = services.GetService<IOptions<BrokerIdentityOptions>>()?.Value;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _ensuredTopics = new(StringComparer.Ordinal);

    /// <summary>True on a silo that runs a broker.</summary>
    public bool IsPresent => _store is not null && _identity?.BrokerName is not null;

    public string? BrokerName => _identity?.BrokerName;

    public string? NameServerAddress => _endpoints?.NameServer is { } ep ? $"{Loopback(ep)}:{ep.Port}" : null;

    /// <summary>The address the broker stamps on stored messages (it is part of the offset message id).</summary>
    /// <remarks>Built once per listen endpoint, not per put; callers only read it.</remarks>
    public IPEndPoint StoreHost
    {
        get
        {
            var source = _endpoints?.Broker is [var first, ..] ? first : null;
            var cached = _storeHost;
            if (cached is not null && ReferenceEquals(cached.Source, source)) return cached.Host;
            var host = source is not null ? new IPEndPoint(Loopback(source), source.Port) : new IPEndPoint(IPAddress.Loopback, _identity?.ListenPort ?? 10911);
            _storeHost = new CachedStoreHost(source, host);
            return host;
        }
    }

    private CachedStoreHost? _storeHost;

    private sealed record CachedStoreHost(IPEndPoint? Source, IPEndPoint Host);

    public bool TryGetStore(out MessageStore store)
    {
        store = null!;
        if (_store is null || _endpoints is not { IsStarted: true }) return false;
        try
        {
            store = _store.Store;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // not opened yet, or already closed
        }
    }

    /// <summary>Creates the topic's queues on this broker group once per process (wire clients need its route).</summary>
    public Task EnsureTopicAsync(string topic, int queues) =>
        _ensuredTopics.GetOrAdd(topic, t => new Lazy<Task>(() => CreateAsync(t, queues))).Value;

    private async Task CreateAsync(string topic, int queues)
    {
        try
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<ITopicGrain>(topic)
                .EnsureBrokerQueuesAsync(new TopicConfig(topic, queues, queues, PermName.ReadWrite), _identity!.BrokerClusterName, _identity.BrokerName!)
                .ConfigureAwait(false);
        }
        catch
        {
            _ensuredTopics.TryRemove(topic, out _);
            throw;
        }
    }

    private static IPAddress Loopback(IPEndPoint ep) =>
        ep.Address.Equals(IPAddress.Any) || ep.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : ep.Address;
}
