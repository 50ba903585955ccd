using System.Net;
using Apache.Rocketmq.V2;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Grpc.Hosting;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>What the MessagingService serves over: the broker runtime, its POP service, and this endpoint as routed.</summary>
public sealed class GrpcServiceContext(BrokerRuntime runtime, PopService pop, GrpcOptions options)
{
    public BrokerRuntime Runtime { get; } = runtime;

    public PopService Pop { get; } = pop;

    public GrpcOptions Options { get; } = options;

    /// <summary>Producers connected by Telemetry: the transaction check asks them about orphaned transactions.</summary>
    internal TelemetryProducers Producers { get; } = new();

    /// <summary>This silo's gRPC endpoint as clients are told to reach it (set once Kestrel listens).</summary>
    public Endpoints Endpoints { get; private set; } = new();

    internal void Advertise(string host, int port) =>
        Endpoints = new Endpoints
        {
            Scheme = IPAddress.TryParse(host, out var ip)
                ? ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? AddressScheme.Ipv6 : AddressScheme.Ipv4
                : AddressScheme.DomainName,
            Addresses = { new Address { Host = host, Port = port } },
        };
}
