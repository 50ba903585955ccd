namespace RocketMQ.Orleans.Testing.Silo;

/// <summary>The two ports one broker group listens on: its name server's and its broker's.</summary>
public readonly record struct BrokerPorts(int NameServer, int Listen)
{
    /// <summary>"127.0.0.1:port" of the name server, what clients and <c>-n</c> get.</summary>
    public string NameServerAddress => $"{Loopback.IP}:{NameServer}";

    /// <summary>Free ports for one broker.</summary>
    public static BrokerPorts Free() => Free(1)[0];

    /// <summary>Free ports for <paramref name="brokers"/> brokers, all distinct.</summary>
    public static BrokerPorts[] Free(int brokers)
    {
        var ports = FreePorts.Take(2 * brokers);
        return Enumerable.Range(0, brokers).Select(b => new BrokerPorts(ports[2 * b], ports[(2 * b) + 1])).ToArray();
    }
}
