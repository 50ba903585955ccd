using RocketMQ.Orleans.Broker.Hosting;

namespace RocketMQ.Orleans.Testing.Silo;

public static class LoopbackBrokerExtensions
{
    /// <summary>
    /// The whole broker as tests run it: on loopback only (no VIP channel, few remoting threads) and a
    /// <see cref="SmallStore"/> under <paramref name="dataPath"/>; <paramref name="configure"/> adds to that.
    /// </summary>
    public static ISiloBuilder AddLoopbackRocketMQBroker(
        this ISiloBuilder silo, string brokerName, BrokerPorts ports, string dataPath, Action<RocketMQBrokerBuilder>? configure = null) =>
        silo.AddRocketMQBroker(broker =>
        {
            broker
                .ConfigureIdentity(identity =>
                {
                    identity.BrokerName = brokerName;
                    identity.BrokerIP1 = Loopback.IP;
                })
                .ConfigureRemoting(remoting =>
                {
                    remoting.NameServerPort = ports.NameServer;
                    remoting.ListenPort = ports.Listen;
                    remoting.EnableVipChannel = false;
                    remoting.BindAddress = Loopback.IP;
                    remoting.ServerWorkerThreads = 2;
                    remoting.ServerSelectorThreads = 1;
                })
                .ConfigureStore(store => SmallStore.Apply(store, dataPath));
            configure?.Invoke(broker);
        });
}
