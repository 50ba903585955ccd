using System.Net;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// Who this silo's broker is on the data path: its group, cluster, id and the address stored in every message
/// it writes (store host, hence offset message ids).
/// </summary>
public sealed record BrokerIdentity(string BrokerName, string ClusterName, long BrokerId, IPEndPoint StoreHost)
{
    /// <summary>"ip:port", as registered for clients.</summary>
    public string BrokerAddress => $"{StoreHost.Address}:{StoreHost.Port}";

    /// <summary>The IP in Apache's "the broker[ip] ... is forbidden" remarks.</summary>
    public string BrokerIP => StoreHost.Address.ToString();

    /// <summary>Apache brokers read and write only as master (id 0); a slave may not commit offsets.</summary>
    public bool IsMaster => BrokerId == 0;
}
