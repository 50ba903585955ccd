using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Console.Hosting;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Hosting;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// What the console takes from the silo it runs in: the grain factory (cluster directory, broker groups), Orleans
/// membership (silo liveness), and this silo's broker identity and endpoints (its name server is the console's
/// default one). Resolved from the silo's container, handed to the console's own.
/// </summary>
public sealed class SiloServices(IServiceProvider services, IOptions<ConsoleOptions> options)
{
    public IGrainFactory GrainFactory { get; } = services.GetRequiredService<IGrainFactory>();

    public IClusterMembershipService Membership { get; } = services.GetRequiredService<IClusterMembershipService>();

    /// <summary>This silo's broker identity (cluster name, broker name), when the silo runs a broker.</summary>
    public BrokerIdentityOptions? BrokerIdentity { get; } = services.GetService<IOptions<BrokerIdentityOptions>>()?.Value;

    /// <summary>The delay levels of this silo's broker ("1s 5s 10s ..."), Apache's default when it runs none.</summary>
    public string MessageDelayLevel { get; } = services.GetService<IOptions<BrokerOptions>>()?.Value.MessageDelayLevel ?? new BrokerOptions().MessageDelayLevel;

    /// <summary>The silo's ACL file when ACL is on: the console then asks for an admin login and signs its requests.</summary>
    public AclConfigStore? Acl { get; } = services.GetService<AclConfigStore>() is { Enabled: true } acl ? acl : null;

    private IMessageStoreAccessor? StoreAccessor { get; } = services.GetService<IMessageStoreAccessor>();

    private BrokerEndpoints? Endpoints { get; } = services.GetService<BrokerEndpoints>();

    /// <summary>This silo's message store, when it runs a broker: system topics of the local broker are read from it directly.</summary>
    public MessageStore? Store => StoreAccessor?.Store;

    /// <summary>"ip:port" of this silo's broker as routes list it, once its endpoint is up.</summary>
    public string? LocalBrokerAddress => Endpoints?.BrokerAddress;

    /// <summary>The local silo's address in the Orleans cluster.</summary>
    public SiloAddress? LocalSilo { get; } = services.GetService<ILocalSiloDetails>()?.SiloAddress;

    /// <summary>
    /// The name servers the console's admin client asks: the configured ones, else this silo's own name server once
    /// its remoting endpoint is up (an "any" bind address is reached over loopback).
    /// </summary>
    public string ResolveNameServerAddress()
    {
        if (options.Value.NameServerAddress is { Length: > 0 } configured)
        {
            return configured;
        }

        var endpoint = Endpoints?.NameServer
            ?? throw new InvalidOperationException("The silo's name server is not listening yet; set RocketMQ:Console:NameServerAddress or retry shortly.");
        var address = endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : endpoint.Address;
        return new IPEndPoint(address, endpoint.Port).ToString();
    }
}
