namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>The ports one silo listens on; kept across restarts so the broker keeps its name and address.</summary>
public sealed record SiloPorts(int NameServerPort, int ListenPort, int SiloPort, int GatewayPort)
{
    public static SiloPorts Allocate()
    {
        var ports = FreePorts.Take(4);
        return new SiloPorts(ports[0], ports[1], ports[2], ports[3]);
    }
}
