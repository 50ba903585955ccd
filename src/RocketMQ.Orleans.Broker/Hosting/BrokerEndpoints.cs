using System.Net;

namespace RocketMQ.Orleans.Broker.Hosting;

/// <summary>Where this silo's remoting servers listen, known once they have started (actual ports when 0 was asked).</summary>
public sealed class BrokerEndpoints
{
    private volatile Snapshot? _current;

    /// <summary>The name-server endpoint, or null before start.</summary>
    public IPEndPoint? NameServer => _current?.NameServer;

    /// <summary>The broker endpoints (listen port first, then the VIP port if enabled); empty before start.</summary>
    public IReadOnlyList<IPEndPoint> Broker => _current?.Broker ?? [];

    /// <summary>The address registered for clients in routes ("ip:port").</summary>
    public string? BrokerAddress => _current?.BrokerAddress;

    public bool IsStarted => _current is not null;

    internal void Set(IPEndPoint nameServer, IReadOnlyList<IPEndPoint> broker, string brokerAddress) =>
        _current = new Snapshot(nameServer, broker, brokerAddress);

    internal void Clear() => _current = null;

    private sealed record Snapshot(IPEndPoint NameServer, IReadOnlyList<IPEndPoint> Broker, string BrokerAddress);
}
