using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;

namespace RocketMQ.Orleans.Client;

/// <summary>Settings shared by producers, consumers and the admin client (Apache <c>ClientConfig</c> counterparts).</summary>
public sealed class RocketMQClientOptions
{
    public const string SectionName = "RocketMQ:Client";

    /// <summary>Name servers, "host:port" separated by ';' as Apache's namesrvAddr.</summary>
    public string NameServerAddress { get; set; } = "127.0.0.1:9876";

    /// <summary>Address this client reports in its client id; null picks a non-loopback IPv4 address.</summary>
    public string? ClientIp { get; set; }

    /// <summary>Second part of the client id; "DEFAULT" is replaced by the process id, as Apache does.</summary>
    public string InstanceName { get; set; } = "DEFAULT";

    /// <summary>Timeout of ordinary requests (Apache sendMsgTimeout / admin timeouts are 3 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A cached topic route older than this is fetched again (Apache pollNameServerInterval).</summary>
    public TimeSpan RouteRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval of heartbeats to the brokers (Apache heartbeatBrokerInterval).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Header encoding of requests; the broker answers in the same one. Binary headers are cheaper to encode.</summary>
    public SerializeType HeaderSerializeType { get; set; } = SerializeType.Json;

    /// <summary>
    /// ACL 1.0 access key: with <see cref="SecretKey"/>, every request is signed as Java's <c>AclClientRPCHook</c> signs
    /// it. Ignored when <see cref="RpcHook"/> is set.
    /// </summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Optional ACL security token (Apache's SessionCredentials.SecurityToken), sent and signed with the request.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>Runs on every request before it is sent (Apache's client RPC hook); overrides <see cref="AccessKey"/> signing.</summary>
    public Security.IClientRpcHook? RpcHook { get; set; }

    /// <summary>Transport settings of the underlying remoting client.</summary>
    public RemotingClientOptions Remoting { get; set; } = new();
}
