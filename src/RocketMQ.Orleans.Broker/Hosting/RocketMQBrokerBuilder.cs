using Microsoft.Extensions.DependencyInjection;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Broker.ControlPlane;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Hosting;

/// <summary>
/// Code configuration of <see cref="BrokerSiloBuilderExtensions.AddRocketMQBroker(ISiloBuilder, Action{RocketMQBrokerBuilder}?)"/>:
/// each method adds an options delegate, applied after any configuration binding.
/// </summary>
public sealed class RocketMQBrokerBuilder
{
    internal RocketMQBrokerBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    /// <summary>
    /// True (default): control-plane grain state lives in files under &lt;store DataPath&gt;/grains. False: the host
    /// registers a grain storage named <see cref="Abstractions.ControlPlaneStorage.ProviderName"/> itself (Redis, ADO.NET).
    /// </summary>
    public bool EmbeddedGrainStorage { get; set; } = true;

    public RocketMQBrokerBuilder ConfigureBroker(Action<BrokerOptions> configure) => Configure(configure);

    public RocketMQBrokerBuilder ConfigureIdentity(Action<BrokerIdentityOptions> configure) => Configure(configure);

    public RocketMQBrokerBuilder ConfigureRemoting(Action<RemotingServerOptions> configure) => Configure(configure);

    public RocketMQBrokerBuilder ConfigureStore(Action<MessageStoreOptions> configure) => Configure(configure);

    public RocketMQBrokerBuilder ConfigureControlPlane(Action<ControlPlaneOptions> configure) => Configure(configure);

    /// <summary>ACL 1.0 on the broker port (plain_acl.yml); off unless <see cref="AclOptions.Enabled"/>.</summary>
    public RocketMQBrokerBuilder ConfigureAcl(Action<AclOptions> configure) => Configure(configure);

    /// <summary>Grain state in a provider the host registers under <see cref="Abstractions.ControlPlaneStorage.ProviderName"/>.</summary>
    public RocketMQBrokerBuilder UseExternalGrainStorage()
    {
        EmbeddedGrainStorage = false;
        return this;
    }

    private RocketMQBrokerBuilder Configure<TOptions>(Action<TOptions> configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
