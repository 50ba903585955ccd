using RocketMQ.Orleans.Abstractions;

namespace RocketMQ.Orleans.Broker.ControlPlane.Registration;

/// <summary>Who this silo's broker is, with RocketMQ's BrokerConfig names and defaults.</summary>
public sealed class BrokerIdentityOptions
{
    /// <summary>The broker group name; null derives "broker-&lt;silo ip&gt;-&lt;silo port&gt;" from the silo.</summary>
    public string? BrokerName { get; set; }

    public string BrokerClusterName { get; set; } = ControlPlaneDefaults.DefaultCluster;

    /// <summary>0 for the group's master.</summary>
    public long BrokerId { get; set; } = ControlPlaneDefaults.MasterId;

    /// <summary>The IP clients reach the broker at; null picks the first non-loopback IPv4 address, else 127.0.0.1.</summary>
    public string? BrokerIP1 { get; set; }

    /// <summary>The broker's remoting port.</summary>
    public int ListenPort { get; set; } = 10911;

    /// <summary>The remoting address registered for clients, "ip:port".</summary>
    public string BrokerAddress => $"{BrokerIP1}:{ListenPort}";
}
