using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Hosting;

[Collection(BrokerSiloCollection.Name)]
public sealed class HostingLifecycleTests(BrokerSiloFixture silo)
{
    [Fact]
    public void Started_silo_listens_where_configured_and_registers_that_address()
    {
        var remoting = silo.Services.GetRequiredService<IOptions<RemotingServerOptions>>().Value;
        var identity = silo.Services.GetRequiredService<IOptions<BrokerIdentityOptions>>().Value;

        Assert.True(silo.Endpoints.IsStarted);
        Assert.Equal(remoting.NameServerPort, silo.Endpoints.NameServer!.Port);
        Assert.Equal(remoting.ListenPort, Assert.Single(silo.Endpoints.Broker).Port);
        Assert.Equal(remoting.ListenPort, identity.ListenPort);
        Assert.Equal($"{BrokerSiloFixture.BrokerIP}:{remoting.ListenPort}", silo.BrokerAddress);
        Assert.NotNull(silo.Host.Runtime);
    }
}
