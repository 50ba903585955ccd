namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>
/// One member of a broker group: its broker id (0 = master), the remoting address clients connect to ("ip:port")
/// and the silo that runs it, whose Orleans membership status is the member's liveness. <see cref="GrpcEndpoint"/> is
/// the RocketMQ 5 gRPC endpoint ("host:port") of that silo, null while it serves none.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.BrokerMember")]
public sealed record BrokerMember(
    [Id(0)] long BrokerId,
    [Id(1)] string Address,
    [Id(2)] SiloAddress Silo,
    [Id(3)] string? GrpcEndpoint = null);
