using Status = Apache.Rocketmq.V2.Status;
using Apache.Rocketmq.V2;
using Grpc.Core;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>Methods not served yet: each answers a RocketMQ NOT_IMPLEMENTED status, never a gRPC error.</summary>
public sealed partial class MessagingServiceImpl
{
    public override Task<SyncLiteSubscriptionResponse> SyncLiteSubscription(SyncLiteSubscriptionRequest request, ServerCallContext callContext) =>
        Task.FromResult(new SyncLiteSubscriptionResponse { Status = Statuses.NotImplemented(nameof(SyncLiteSubscription)) });
}
