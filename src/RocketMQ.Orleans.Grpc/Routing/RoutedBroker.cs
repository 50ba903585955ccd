using Apache.Rocketmq.V2;

namespace RocketMQ.Orleans.Grpc.Routing;

/// <summary>One broker group's queues of a topic, as a 5.x client must reach them: the gRPC endpoint of its leader's silo.</summary>
public sealed record RoutedBroker(string BrokerName, Endpoints Endpoints, int ReadQueueNums, int WriteQueueNums, int Perm);
