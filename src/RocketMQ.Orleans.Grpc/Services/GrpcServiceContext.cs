using Apache.Rocketmq.V2;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Grpc.Hosting;
using RocketMQ.Orleans.Grpc.Routing;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>What the MessagingService serves over: the broker runtime, its POP service, the cluster's routes and this endpoint.</summary>
public sealed class GrpcServiceContext(BrokerRuntime runtime, PopService pop, GrpcOptions options, GrpcRoutes routes) : IDisposable
{
    public BrokerRuntime Runtime { get; } = runtime;

    public PopService Pop { get; } = pop;

    public GrpcOptions Options { get; } = options;

    /// <summary>
    /// Clients connected by Telemetry, in the broker's producer and consumer tables: admin tools list them, the
    /// transaction check asks producers about orphaned transactions, admin calls ask consumers for their thread stacks
    /// or to verify a message.
    /// </summary>
    internal GrpcClients Clients { get; } = new(runtime);

    /// <summary>Server commands sent over Telemetry and awaiting the client's answer, by nonce.</summary>
    internal TelemetryCalls Calls { get; } = new();

    /// <summary>Every broker group's queues of a topic at its leader's gRPC endpoint.</summary>
    public GrpcRoutes Routes { get; } = routes;

    /// <summary>Channels to the other silos' endpoints, for calls only another broker group can serve (a recall).</summary>
    public GrpcPeers Peers { get; } = new(options.Tls.Enabled);

    /// <summary>This silo's gRPC endpoint as clients are told to reach it (set once Kestrel listens).</summary>
    public Endpoints Endpoints => Routes.LocalEndpoints;

    internal void Advertise(string host, int port) => Routes.LocalEndpoints = GrpcEndpointAddress.ToEndpoints(host, port);

    public void Dispose() => Peers.Dispose();
}
